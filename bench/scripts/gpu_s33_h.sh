#!/bin/bash
# Thirty-third session, call 8 (H200). s33-a measured Qwen2.5-7B's and Gemma-2B's block formats
# with bf16 x at B=160 below fp32 weights (Qwen q8_0 0.99x, q4_0 0.97x, affine_q3 0.84x; Gemma
# q4_0 0.98x, affine_q3 0.93x): their B = 129-512 entries tile 128 batch rows. The overlay
# s33-h.db gives B = 129-192 64-row tiles (the fp32-x shape of s33-e, with kt=16 and se=1 as
# their entries have), old and new in the same call at B = 160 and 180.
# Prediction (before the call): 1.10-1.25x over the shipped entries, every block format at or
# above fp32 weights.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s33-h.db)
for v in old new; do
  [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
  RT=100 R bf-$v "" --shapes qwen2.5-7b,gemma-2b --budget 0.08 --reps 3 --acts bf16 --batch 160,180 \
    --weights f32,q8_0,q4_0,affine_q3
  unset FLASHMLP_TUNING_DIR
  T $v
done
gpu_summary
