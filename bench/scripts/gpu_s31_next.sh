#!/bin/bash
# SUPERSEDED by gpu_s32_next.sh (thirty-first session); kept as the thirtieth session wrote it.
# Prepared in the thirtieth session for the next call (H200), not yet run. bench/scripts/
# s31-next.db as a user overlay against the shipped file: (1) the other shapes' block formats
# with bf16 x at B=256 on the tiles that won for f16 x in s30-check / s30-last (bf16 x is still
# scaled per k-tile, so the gain may be smaller); (2) Qwen2.5-7B's fp32 weights with f16 x at
# 256 on Llama-3-8B's fp32 f16-x tile (its own is 3xTF32: 2635 us in s30-check, 2.3x Llama's
# time for 1.16x the weights); (3) the other shapes' block formats with f16 x at B=128 on
# Llama's 65-128 block tile. fp32 weights at each batch beside.
# Prediction (the thirtieth session's, to be revised before the call): (1) 1.2-2.2x, as f16 x
# on the same tiles less G_XRAW's 1.05-1.2x; (2) 1.8-2.2x (about 1200-1400 us); (3) 1.1-2x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
N=$(mktemp -d); cp bench/scripts/s31-next.db $N/
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.08 --reps 5"
RT=150 R bf-old "" $S --acts bf16 --batch 256 --weights f32,q4_0,q8_0,affine_q3
FLASHMLP_TUNING_DIR=$N RT=150 R bf-new "" $S --acts bf16 --batch 256 --weights q4_0,q8_0,affine_q3
T bf16
RT=60 R qwen-f32-old "" --shapes qwen2.5-7b --acts f16 --batch 256 --weights f32 --budget 0.08 --reps 5
FLASHMLP_TUNING_DIR=$N RT=60 R qwen-f32-new "" --shapes qwen2.5-7b --acts f16 --batch 256 --weights f32 --budget 0.08 --reps 5
T qwen
RT=150 R b128-old "" $S --acts f16 --batch 128 --weights f32,q4_0,q8_0,affine_q3
FLASHMLP_TUNING_DIR=$N RT=150 R b128-new "" $S --acts f16 --batch 128 --weights q4_0,q8_0,affine_q3
T b128
gpu_summary
