#!/bin/bash
# Thirty-third session, call 6 (H200): Llama-3-8B's fp32-x block formats through the lookup after
# the new B = 129-512 entries (64-row tiles where B mod 128 is 1-64), at batches inside each
# kind of range that no call of the session measured (140, 350, 420, 500) and two that it did
# (200, 300), fp32 weights beside them, one round.
# Prediction (before the call): at 140, 300, 420 (64-row tiles) every block format 1.05-1.20x
# of fp32 weights, affine_q3 1.00-1.10x; at 200, 350, 500 (128-row tiles, unchanged) as s33-c
# and s33-e measured: 1.00-1.16x, affine_q3 0.94-1.05x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
RT=200 R l32 "" --shapes llama3-8b --budget 0.08 --reps 3 --acts f32 --batch 140,200,300,350,420,500 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
T l32
gpu_summary
