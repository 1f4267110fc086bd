#!/bin/bash
# Thirty-fourth session, call 6 (H200). s34-e: with GPT-2's fp32 weights on fp16 pairs at
# 513-2048 (s34-d), its fp32-x block formats are 0.61-0.65x of them at 600 and 0.78-0.82x at 1024;
# they take this file's shape-less entries there (mt=64 nt=64 kt=16 wm=1 wn=4, splits=1, tf32),
# the tile the fp32 weights left. Overlay s34-f.db: the fp16-pair tile they took at 193-512 in
# s34-d, at 513-2048. Shipped against overlay, alternating twice, at B = 600, 1024 and 2048.
# Prediction (before the call): 236-257 -> 160-180 us at 600 (0.9-1.0x of fp32 weights' 155),
# 276-292 -> 225-250 at 1024, 1.1-1.3x at 2048.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s34-f.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=90 R g32-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 600,1024,2048 \
      --weights f32,q8_0,q4_0,affine_q3,affine_q4
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
gpu_summary
