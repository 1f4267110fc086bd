#!/bin/bash
# Thirty-second session, sixth call (H200): the other shapes at B = 512 and 1024, f16 and bf16 x,
# through the shipped file (after s32-e). No record had compared these cells with fp32 weights.
# Above 512 only Llama-3-8B has 16-bit-x entries; the other shapes' B >= 513 cells take fp32 x's
# or the shape-less entries.
# Prediction: at 512 (their B = 129-512 entries) every block format at or above fp32 weights;
# at 1024 some below (0.8-1.0x), where the 513- cells take fp32 x's tiles.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.08 --reps 3 --batch 512,1024"
RT=220 R s-f16 "" $S --acts f16 --weights f32,q8_0,q4_0,affine_q3; T s-f16
RT=220 R s-bf16 "" $S --acts bf16 --weights f32,q8_0,q4_0,affine_q3; T s-bf16
gpu_summary
