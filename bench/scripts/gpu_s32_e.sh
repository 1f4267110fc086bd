#!/bin/bash
# Thirty-second session, fifth call (H200): the other shapes with bf16 x. s32-d found their
# block formats behind fp32 weights at B=256 (Qwen2.5-7B 0.98-0.99x, Gemma-2B q8_0 0.85x, GPT-2
# 0.83-0.85x) and the 70B shard's at 128-256 (0.73-0.99x): those cells have no bf16-x entries.
# Rounds: shipped, then the overlay s32-bfs.db (bf16-x copies of each shape's f16-x entries at
# B >= 65, fw=0), fp32 weights in both (the overlay gives them the f16-x fp32 tiles too).
# Prediction: on the overlay every block format at or above fp32 weights at 128 and 256 (the
# shard's affine_q3 0.98-1.02x, as with f16 x); Qwen's fp32 weights 1554 -> 950-1050 us at 128.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.08 --reps 5 --acts bf16 --batch 128,256"
W="f32,q8_0,q4_0,affine_q3,affine_q8"
RT=200 R s-old "" $S --weights $W; T s-old
n=$(overlay bench/scripts/s32-bfs.db)
FLASHMLP_TUNING_DIR=$n RT=200 R s-bfs "" $S --weights $W; T s-bfs
gpu_summary
