#!/bin/bash
# Thirtieth session, call 2 (H200): the block formats with f16 x after G_XRAW. s30-xraw found
# them 0.83-0.87x slower with their flushes once a block (FMLP_HP_XBLK=1, then the default);
# the default is now once a k-tile again, one FMA an accumulator. (1) A/B in one build, shipped
# entries: -DFMLP_HP_XRAW=0 (scaled x, the old kernel) against the default, q8_0, q4_0,
# affine_q3, affine_q4 at B = 128 and 256, fp32 weights beside; (2) kt=32 (one flush a
# 32-weight block, the k-tile's sums not live across a staging) through the lookup as user
# overlays: s30-kt32.db (the shipped mt=128 tiles) and s30-t1kt32.db (fp32 weights' mt=64
# tiles, iw=1); (3) per-kernel times (flashmlp run --profile) of fp32 and q4_0 at 128 and 256.
# Prediction (written before the call): (1) raw 1.02-1.06x faster than scaled for every block
# format (flush 1 op instead of 2, x staged as loaded); still 0.85-0.92x of fp32 weights'
# 588 / 1160 us; (2) kt=32 on the mt=128 tiles 1.05-1.15x over raw kt=16 (flush FMAs a tensor
# product halved: 112 FFMA against 28 products a k-tile on this tile); mt=64 kt=32 within 5% of
# it; best block format at 128 within 0.95-1.0x of fp32 weights.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
W=q8_0,q4_0,affine_q3,affine_q4
A="--shapes llama3-8b --batch 128,256 --acts f16 --budget 0.1"
FLASHMLP_BUILD_OPTIONS="-DFMLP_HP_XRAW=0" RT=120 R scaled "" $A --weights $W
RT=120 R raw "" $A --weights f32,$W
T ab
k1=$(mktemp -d); cp bench/scripts/s30-kt32.db $k1/
k2=$(mktemp -d); cp bench/scripts/s30-t1kt32.db $k2/
FLASHMLP_TUNING_DIR=$k1 RT=120 R kt32 "" $A --weights $W
T kt32
FLASHMLP_TUNING_DIR=$k2 RT=120 R t1kt32 "" $A --weights $W
T t1kt32
for w in f32 q4_0; do
  timeout 60 $b/flashmlp run --batch 128,256 --weights $w --acts f16 --reps 5 --profile > $o/prof-$w.txt 2>&1
done
FLASHMLP_TUNING_DIR=$k1 timeout 60 $b/flashmlp run --batch 128,256 --weights q4_0 --acts f16 --reps 5 --profile > $o/prof-q4_0-kt32.txt 2>&1
T prof
RT=100 R raw2 "" $A --weights f32,$W
FLASHMLP_TUNING_DIR=$k1 RT=100 R kt32b "" $A --weights $W
T round2
gpu_summary
grep -h -iE "kernel|fmlp_" $o/prof-*.txt | head -30
