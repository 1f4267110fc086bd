#!/bin/bash
# Thirty-second session, third call (H200): bf16 x into gate/up's bf16 tensor cores as loaded
# (cl/mlp_mma.cl's G_XBF: the block formats' fields without fw, and bf16 weights), Llama-3-8B.
# Rounds: bf-new the shipped file with the new kernels; bf-off the same with
# FLASHMLP_BUILD_OPTIONS=-DFMLP_HP_XRAW=0 (bf16 x scaled per k-tile, as before); bf-t2 the overlay
# s32-bf.db (the f16-x entries' down tile, dmt=128 dkt=32 na=2, with the shipped gate/up tiles).
# Prediction: the block formats and bf16 weights 1.15-1.30x faster in bf-new than in bf-off
# (s32-b: 0.88-0.98x of fp32 weights), each block format at or above fp32 weights with bf16 x
# at B = 80-1024 (q8_0 1.05-1.15x, affine_q3 1.0-1.05x); bf-t2 within 3% of bf-new.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
L="--shapes llama3-8b --budget 0.08 --reps 5 --acts bf16"
W="bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=170 R bf-new "" $L --batch 80,128,256,512,1024 --weights f32,$W; T bf-new
FLASHMLP_BUILD_OPTIONS=-DFMLP_HP_XRAW=0 RT=140 R bf-off "" $L --batch 128,256,1024 --weights $W
T bf-off
t2=$(overlay bench/scripts/s32-bf.db)
FLASHMLP_TUNING_DIR=$t2 RT=100 R bf-t2 "" $L --batch 128,256,1024 --weights q8_0,q4_0,affine_q3,affine_q8
T bf-t2
gpu_summary
