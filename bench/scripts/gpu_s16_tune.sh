#!/bin/bash
# Sixteenth session: cells the coverage report (bench/results/2026-11-27-coverage) lists without
# an H200 entry of their own, the tuner against the shipped choice in the same run.
# (1) Issue 5's B=1 cells: exact q8_0 (1.67x its floor, target 1.5x), q8_0 with int8 dot
# products, affine_q2 with int8 (2.25x). Prediction: 0-5% (the sm_90 entries were tuned on an
# H100 and the stream plans' shapes carry over); not enough for 1.5x.
# (2) f16 and bf16 at B=32, 64 and 256 (prefill from 16-bit checkpoints), which take the arch
# file's entries tuned for fp32. Prediction: 3-10% (the 16-bit weights need two tf32 products,
# not three, so their balance of loads and mma differs from fp32's).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 100 $b/flashmlp-tune --weights q8_0 --batch 1 --strategies stream \
  --total-budget 80 --out $o/ovl/s16-q8-exact.db > $o/tune-q8-exact.log 2>&1
timeout -s INT 100 $b/flashmlp-tune --weights q8_0,affine_q2 --precision int8 --batch 1 \
  --strategies stream --total-budget 80 --out $o/ovl/s16-int8.db > $o/tune-int8.log 2>&1
timeout -s INT 300 $b/flashmlp-tune --weights f16,bf16 --batch 32,64,256 --strategies mma,mmav \
  --total-budget 270 --out $o/ovl/s16-16bit.db > $o/tune-16bit.log 2>&1
cat $o/gpu.txt
for f in q8-exact int8 16bit; do
  echo "== $f"; grep -E "^== |shipped databases choose|^  B=|^candidates|^wrote" $o/tune-$f.log | cut -c1-230
done
