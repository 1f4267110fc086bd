#!/bin/bash
# Thirty-third session, call 5 (H200). Call 4's tune of Llama-3-8B's fp32-x q4_0 at B=300 found
# mt=64 nt=112 kt=32 with a 512-thread down kernel (dmt=64 dnt=128 dwn=4) and splits=4, na=2:
# 1.7035 ms against the shipped entry's 2.1704 (1.27x). The overlay s33-e.db puts that tile under
# every fp32-x block format at B = 129-512; old and new alternate twice at B = 160, 256, 300, 450,
# fp32 weights beside them.
# Prediction (before the call): q4_0 and q8_0 1.15-1.27x at 160 and 300, 1.0-1.1x at 256;
# the affine formats (shipped with splits=4 already) 1.0-1.1x at 160-300, level at 256; every
# block format at or above fp32 weights at all four batches (affine_q3 the closest).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s33-e.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=120 R l32-$v-$rep "" --shapes llama3-8b $A --acts f32 --batch 160,256,300,450 \
      --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
gpu_summary
