#!/bin/bash
# Thirty-second session, first call (H200): part (1) of gpu_s32_next.sh on its own (part (2),
# bf16 x, follows in a later call, so that each call fits the 600 s limit with room).
# The other four shapes' block formats with f16 x at B = 80 and 128: the shipped file (they take
# the shape-less hp=0 entry "wt=q4_0 pr=exact B=33-128" and its siblings), s32-n1.db (Llama-3-8B's
# fw=1 tile, splits=4) and s32-n2.db (each shape's own B = 129-512 f16-x entry), fp32 weights in
# the shipped round as the baseline.
# Prediction (revised at the start of the thirty-second session): Qwen2.5-7B and Gemma-2B on n1
# 1.2-1.6x over the shipped cells and at or ahead of their fp32 rows (Qwen 882 us at 128, Gemma
# 559); the 70B shard and GPT-2 better on n2 than on n1 (their kt=32 tiles; GPT-2's grid is too
# small for 128x112 tiles: 27 column tiles x 4 splits at B=128); shipped cells 0.6-0.95x of fp32.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n1=$(overlay bench/scripts/s32-n1.db); n2=$(overlay bench/scripts/s32-n2.db)
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 80,128 --budget 0.08 --reps 5 --acts f16"
RT=170 R s-old "" $S --weights f32,q8_0,q4_0,affine_q3; T s-old
FLASHMLP_TUNING_DIR=$n1 RT=140 R s-n1 "" $S --weights q8_0,q4_0,affine_q3; T s-n1
FLASHMLP_TUNING_DIR=$n2 RT=140 R s-n2 "" $S --weights q8_0,q4_0,affine_q3; T s-n2
gpu_summary
