#!/bin/bash
# Thirty-second session, ninth call (H200): the other shapes at B=4096 with 16-bit x, whose cells
# now take their B = 129-512 entries extended to B >= 513 (s32-g measured them at 1024 only).
# Prediction: every block format at or above fp32 weights (1.0-1.7x), Gemma-2B's affine_q3
# 0.95-1.0x as at 1024.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.05 --reps 2 --batch 4096"
RT=100 R f16 "" $S --acts f16 --weights f32,q8_0,q4_0,affine_q3; T f16
RT=100 R bf16 "" $S --acts bf16 --weights f32,q8_0,q4_0,affine_q3; T bf16
gpu_summary
