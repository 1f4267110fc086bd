#!/bin/bash
# Prepared in the thirty-first session for the next call (H200); the thirty-second session ran
# part (1) as gpu_s32_a.sh and part (2) within gpu_s32_b.sh (records s32-a, s32-b); it supersedes
# gpu_s31_next.sh, whose parts (2) and (3) the thirty-first session's calls answered or made moot.
# (1) The other four shapes' block formats with f16 x at B = 80 and 128. They take a shape-less
# hp=0 entry (tuning/nvidia-h200.db's "wt=q4_0 pr=exact B=33-128") while their fp32 weights now
# have f16-x tiles (Qwen2.5-7B 882 us at 128, Gemma-2B 559, the 70B shard 623; s31-f32). Rounds:
# the shipped file, s32-n1.db (Llama-3-8B's fw=1 tile, splits=4), s32-n2.db (each shape's own
# B = 129-512 f16-x entry). (2) Llama-3-8B with bf16 x at 128, 256 and 1024: the shipped at=bf16
# entries against s32-n2.db's (the f16-x fw=1 entries as at=bf16; bf16 x is still scaled per
# k-tile, so the fold saves the scales in local memory but not the flush).
# Prediction (the thirty-first session's, to be revised before the call): (1) n1 1.3-1.8x over
# the shipped cells on Qwen and Gemma, ahead of their fp32 rows; the shard and GPT-2 better on
# n2 (kt=32 tiles lost with fw on them at 256); (2) 1.00-1.08x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n1=$(overlay bench/scripts/s32-n1.db); n2=$(overlay bench/scripts/s32-n2.db)
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 80,128 --budget 0.08 --reps 5 --acts f16"
RT=150 R s-old "" $S --weights f32,q8_0,q4_0,affine_q3; T s-old
FLASHMLP_TUNING_DIR=$n1 RT=120 R s-n1 "" $S --weights q8_0,q4_0,affine_q3; T s-n1
FLASHMLP_TUNING_DIR=$n2 RT=120 R s-n2 "" $S --weights q8_0,q4_0,affine_q3; T s-n2
L="--shapes llama3-8b --batch 128,256,1024 --budget 0.08 --reps 5 --acts bf16"
RT=100 R bf-old "" $L --weights f32,q8_0,q4_0,affine_q3,affine_q4
FLASHMLP_TUNING_DIR=$n2 RT=100 R bf-n2 "" $L --weights q8_0,q4_0,affine_q3,affine_q4; T bf
gpu_summary
