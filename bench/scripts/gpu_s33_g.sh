#!/bin/bash
# Thirty-third session, call 7 (H200): Llama-3-8B's fp32-x block formats through the lookup after
# B = 385-448 went back to the 128-row entries (call 6, s33-f: the 64-row tile only level with
# fp32 weights at 420), at 400, 420, 440, and at the edges of the 64-row ranges (180, 320),
# fp32 weights beside them, one round.
# Prediction (before the call): at 400-440 every block format 1.03-1.16x of fp32 weights,
# affine_q3 1.00-1.05x; at 180 and 320 1.05-1.20x, affine_q3 1.00-1.10x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
RT=200 R l32 "" --shapes llama3-8b --budget 0.08 --reps 3 --acts f32 --batch 180,320,400,420,440 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
T l32
gpu_summary
