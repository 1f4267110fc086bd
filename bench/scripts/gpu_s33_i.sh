#!/bin/bash
# Thirty-third session, call 9 (H200). Call 8 (s33-h): 64-row tiles at B = 129-192 gave Qwen2.5-7B's
# and Gemma-2B's bf16-x block formats 1.11-1.36x at 160-180. The overlay s33-i.db tries the same
# tile on Llama-3-8B's f16-x (fw=1) and bf16-x block formats at 129-192 (B=160), and on Qwen's and
# Gemma's bf16-x ones at 257-320 (B=300), old and new in the same call.
# Prediction (before the call): Llama at 160 1.05-1.20x; Qwen and Gemma at 300 1.05-1.20x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s33-i.db)
for v in old new; do
  [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
  RT=60 R l16-$v "" --shapes llama3-8b --budget 0.08 --reps 3 --acts f16 --batch 160 --weights f32,q8_0,q4_0,affine_q3
  RT=60 R lbf-$v "" --shapes llama3-8b --budget 0.08 --reps 3 --acts bf16 --batch 160 --weights f32,q8_0,q4_0,affine_q3
  RT=60 R qg-$v "" --shapes qwen2.5-7b,gemma-2b --budget 0.08 --reps 3 --acts bf16 --batch 300 --weights f32,q8_0,q4_0,affine_q3
  unset FLASHMLP_TUNING_DIR
  T $v
done
gpu_summary
