#!/bin/bash
# Thirtieth session, call 5 (H200), f16 x: s30-shapes.db (the other shapes' block-format winners
# of s30-check, measured there for q4_0, q8_0 and affine_q3 at B=256) through the lookup as a
# user overlay against the shipped file for the three formats s30-check did not measure
# (affine_q2, affine_q4, affine_q8) at B=256, then q4_0 at B=512 (the range's far end), then the
# shipped GPT-2 and 70B-shard rows that s30-check's timeout cut (q8_0, affine_q3).
# Prediction (written before the call): 1.2-2.4x on the 70B shard, Qwen and Gemma, 1.2-1.3x on
# GPT-2, as for the three measured formats; q4_0 at 512 1.2-2x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
N=$(mktemp -d); cp bench/scripts/s30-shapes.db $N/
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --acts f16 --budget 0.08 --reps 5"
FLASHMLP_TUNING_DIR=$N RT=150 R new "" $S --batch 256 --weights affine_q2,affine_q4,affine_q8
T new
RT=150 R old "" $S --batch 256 --weights affine_q2,affine_q4,affine_q8
T old
FLASHMLP_TUNING_DIR=$N RT=60 R new512 "" $S --batch 512 --weights q4_0
RT=60 R old512 "" $S --batch 512 --weights q4_0
T b512
RT=60 R old-rest "" --shapes gpt2,llama3-70b-tp8 --acts f16 --budget 0.08 --reps 5 --batch 256 --weights q8_0,affine_q3
T rest
gpu_summary
