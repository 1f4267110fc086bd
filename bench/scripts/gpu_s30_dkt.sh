#!/bin/bash
# Thirtieth session, call 3 (H200): f16 x after G_XRAW. s30-kt32's profile put the block
# formats' down kernel 1.10-1.11x behind fp32 weights' (q4_0 264 / 505 us against 237 / 461 at
# B = 128 / 256) and their gate/up 1.05-1.09x behind. (1) Llama-3-8B, f16 x, B = 128 and 256,
# every block format and fp32 weights through the lookup: the shipped file, then as user
# overlays s30-dkt32.db (the shipped tiles with dkt=32: one flush of down's sums a 32-weight
# block instead of two) and s30-t1dkt32.db (fp32 weights' mt=64 tiles with kt=32 and dkt=32 for
# the block formats); (2) the other shapes at B=256, fp32 and q4_0 weights, f16 x, with
# -DFMLP_HP_XRAW=0 against the default: does G_XRAW hold there (their cells take fp32 x's or
# the arch file's tiles)?
# Prediction (written before the call): (1) dkt=32 1.02-1.05x for the block formats (down
# 264 -> 245-255 us at 128), 1.00-1.03x for fp32 weights; t1dkt32 best for q4_0 at 128 (about
# 600 us), the block formats still 0.90-1.0x of fp32 weights; (2) G_XRAW 1.0-1.15x on every
# shape where the cell's plan is mma with hp=1, level elsewhere.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
W=f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
A="--shapes llama3-8b --batch 128,256 --acts f16 --budget 0.1"
k1=$(mktemp -d); cp bench/scripts/s30-dkt32.db $k1/
k2=$(mktemp -d); cp bench/scripts/s30-t1dkt32.db $k2/
RT=120 R shipped "" $A --weights $W
T shipped
FLASHMLP_TUNING_DIR=$k1 RT=120 R dkt32 "" $A --weights $W
T dkt32
FLASHMLP_TUNING_DIR=$k2 RT=100 R t1dkt32 "" $A --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
T t1dkt32
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 256 --acts f16 --budget 0.1 --weights f32,q4_0"
FLASHMLP_BUILD_OPTIONS="-DFMLP_HP_XRAW=0" RT=100 R shapes-scaled "" $S
RT=100 R shapes-raw "" $S
T shapes
RT=60 R shipped2 "" $A --weights $W
FLASHMLP_TUNING_DIR=$k1 RT=60 R dkt32b "" $A --weights $W
T round2
gpu_summary
