#!/bin/bash
# Thirty-third session, call 4 (H200). s33-c found Llama-3-8B's fp32-x block formats behind fp32
# weights at B=300 (q4_0 0.92x, q8_0 0.96x, affine_q3 0.95x, affine_q4 0.99x). Their B=129-512
# entries have 128-row tiles in both kernels, so B=300 runs 384 rows of tiles; fp32 weights'
# entry has 64-row gate/up tiles (320 rows). (1) The overlay s33-d.db: 64-row tiles in both
# kernels at B = 257-384 (mt=64 nt=112 kt=32, dmt=64 dnt=128 dkt=32, splits=2, na=1), against the
# shipped file in the same call at B = 270, 300, 380. (2) flashmlp-tune on q4_0 at B=300, mma
# only, 90 s, the overlay's tile tried.
# Prediction (before the call): (1) 1.05-1.12x over shipped at 270-300 (gate/up rows 384 -> 320
# less the cost of staging each weight tile five times instead of three), level to 0.97x at
# 380 (384 rows either way, more staging with 64-row tiles); (2) the tuner within 3% of (1)'s tile.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s33-d.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=90 R l32-$v-$rep "" --shapes llama3-8b $A --acts f32 --batch 270,300,380 \
      --weights f32,q8_0,q4_0,affine_q3,affine_q4
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
timeout 120 $b/flashmlp-tune --shape 4096x14336 --weights q4_0 --batch 300 --strategies mma \
  --budget 90 --reps 5 --out $o/tune-q4-300.db \
  --try "strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=1 hp=1" \
  > $o/tune-q4-300.log 2>&1
T tune
gpu_summary
