#!/bin/bash
# Thirtieth session, call 4 (H200), f16 x after G_XRAW: (1) s30-llama.db (q4_0 at B = 65-128 with
# dkt=32; q4_0, affine_q2, affine_q4 at 129-512 on fp32 weights' mt=64 tile with kt=32, dkt=32)
# through the lookup as a user overlay against the shipped file, at the ranges' ends and
# middles, fp32 weights beside; (2) the other shapes' block formats at B=256, whose f16-x cells
# take fp32 x's tiles (hp=0 for q4_0: 2x fp32 weights' time on the 70B shard in s30-dkt):
# s30-shapes16.db (Llama's 16-bit-x block tile) and s30-shapesf.db (each shape's fp32 hp tile
# with iw=1) against the shipped file.
# Prediction (written before the call): (1) q4_0 1.05-1.08x at 80-128 and 1.04-1.07x at
# 200-512, affine_q2/q4 1.01-1.04x; (2) 1.2-2x for the block formats on the 70B shard, Gemma and
# Qwen, 1.0-1.3x on GPT-2 (small: its tiles fill few compute units).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
ov() { local d; d=$(mktemp -d); cp bench/scripts/$1.db $d/; echo $d; }
L=$(ov s30-llama); S16=$(ov s30-shapes16); SF=$(ov s30-shapesf)
A="--shapes llama3-8b --acts f16 --budget 0.1"
RT=90 R l-old "" $A --batch 80,128,200,256,512 --weights f32,q4_0
FLASHMLP_TUNING_DIR=$L RT=90 R l-new "" $A --batch 80,128,200,256,512 --weights q4_0
RT=60 R la-old "" $A --batch 200,512 --weights affine_q2,affine_q4
FLASHMLP_TUNING_DIR=$L RT=60 R la-new "" $A --batch 200,512 --weights affine_q2,affine_q4
T llama
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 256 --acts f16 --budget 0.1"
RT=90 R s-old "" $S --weights f32,q4_0,q8_0,affine_q3
FLASHMLP_TUNING_DIR=$S16 RT=120 R s-16 "" $S --weights q4_0,q8_0,affine_q3
T s16
FLASHMLP_TUNING_DIR=$SF RT=120 R s-f "" $S --weights q4_0,q8_0,affine_q3
T sf
FLASHMLP_TUNING_DIR=$L RT=60 R l-new2 "" $A --batch 128,256 --weights q4_0
RT=60 R l-old2 "" $A --batch 128,256 --weights q4_0
T round2
gpu_summary
