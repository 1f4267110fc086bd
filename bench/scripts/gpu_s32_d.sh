#!/bin/bash
# Thirty-second session, fourth call (H200): bf16 x through the shipped file after s32-c.
# (1) Llama-3-8B, every block format against fp32 weights at B = 80-1024 (the new G_XBF kernels
#     and the t2 entries). Prediction: each at or above fp32 weights, affine_q3 1.03-1.08x,
#     q8_0/affine_q8 1.18-1.25x.
# (2) Llama-3-8B at B = 17-64 (mmav, where G_XBF does not apply), bf16 x. No record compared
#     these cells with fp32 weights. Prediction: the block formats 1.0-1.2x of fp32 weights, as
#     with f16 x (s31-last: 1.09-1.18x at 17-32).
# (3) The other four shapes with bf16 x at B = 128 and 256. Prediction: q8_0 and q4_0 at or
#     above fp32 weights where their cells take a G_XBF entry (hp=1 iw=1 fw=0); the shape-less
#     hp=0 entries below it (0.7-0.95x), as f16 x's were before s32-a.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
L="--shapes llama3-8b --budget 0.08 --reps 5 --acts bf16"
RT=150 R bf-chk "" $L --batch 80,128,256,512,1024 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8; T bf-chk
RT=120 R bf-small "" $L --batch 17,32,48,64 --weights f32,q8_0,q4_0,affine_q3,affine_q4; T bf-small
RT=170 R bf-shapes "" --shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.08 --reps 5 \
  --acts bf16 --batch 128,256 --weights f32,q8_0,q4_0,affine_q3; T bf-shapes
gpu_summary
