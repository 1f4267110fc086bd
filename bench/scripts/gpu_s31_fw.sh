#!/bin/bash
# Prepared in the thirtieth session for the next call (H200), not yet run: mma's fw=1 (the
# block formats' scales folded into gate/up's fp16 pairs at staging, the rows' powers of two
# kept with the weights; cl/mlp_mma.cl's G_FW). (1) the fw tests on the tensor cores; (2)
# Llama-3-8B's block formats at B = 128 and 256, fp32 and f16 x, through the lookup: the shipped
# file, then user overlays s31-fw.db (each cell's shipped entry with fw=1) and s31-fwt.db (fp32
# weights' own tiles with iw=1 fw=1), fp32 weights beside in every round.
# Prediction (the thirtieth session's, to be revised before the call): gate/up of the block
# formats at or below fp32 weights' (331 / 657 us at 128 / 256 with f16 x, s30-kt32's profile:
# the same two products a step, one conversion a vector instead of fp32's eight, fewer bytes);
# the MLP 1.03-1.10x faster than the shipped entries with f16 x, so q4_0 and q8_0 level with or
# ahead of fp32 weights at 128 and the affine formats (integer zero points) within 0.95-1.0x;
# with fp32 x (three products a step either way) 1.0-1.05x.
# Revised at the thirty-first session's start (2026-11-28), before the call: unchanged; the risk
# named is register pressure from the f16x2 pair (hi, lo) and the row scale a column, which
# would show as fw slower on the 128x112 tiles and level on the 64-wide ones (s31-fwt).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
(cd $b/tests && timeout 120 ./test_ops --filter 'ops/mma_folded_block_scales' > $o/tests.txt 2>&1)
T tests
W=f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
A="--shapes llama3-8b --batch 128,256 --budget 0.1"
k1=$(mktemp -d); cp bench/scripts/s31-fw.db $k1/
k2=$(mktemp -d); cp bench/scripts/s31-fwt.db $k2/
for a in f16 f32; do
  RT=120 R old-$a "" $A --acts $a --weights $W
  FLASHMLP_TUNING_DIR=$k1 RT=120 R fw-$a "" $A --acts $a --weights $W
  FLASHMLP_TUNING_DIR=$k2 RT=120 R fwt-$a "" $A --acts $a --weights $W
  T $a
done
timeout 60 $b/flashmlp run --batch 128,256 --weights q4_0 --acts f16 --reps 5 --profile > $o/prof-q4_0.txt 2>&1
FLASHMLP_TUNING_DIR=$k1 timeout 60 $b/flashmlp run --batch 128,256 --weights q4_0 --acts f16 --reps 5 --profile > $o/prof-q4_0-fw.txt 2>&1
T prof
grep -E "Synthesis|FAIL" $o/tests.txt
gpu_summary
grep -h -E "fmlp_mma" $o/prof-*.txt
