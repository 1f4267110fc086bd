#!/bin/bash
# Sixteenth session, second H100 call: the H100 cells left after the first (the coverage
# report): f16 and bf16 at B=32, 1024 and 4096 (the H200 gained 1.08-1.47x at 32 and 1024), and
# the exact block formats at B=1 with 512- and 1024-thread stream shapes (H200: q4_0 1.08x,
# affine_q4 1.12x). The tuner against the shipped choices in the same run. Prediction: 1.1-1.4x
# for the 16-bit cells, 1.0-1.1x for the block formats.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 260 $b/flashmlp-tune --weights f16,bf16 --batch 32,1024,4096 --strategies mma,mmav \
  --total-budget 240 --reps 3 --out $o/ovl/s16-h100-16bit.db > $o/tune-16bit.log 2>&1
timeout -s INT 170 $b/flashmlp-tune --weights q4_0,affine_q4,q8_0,affine_q3 --batch 1 \
  --strategies stream --total-budget 150 --out $o/ovl/s16-h100-exact.db > $o/tune-exact.log 2>&1
cat $o/gpu.txt
for f in 16bit exact; do echo "== $f"; grep -A10 "^shape (formats)" $o/tune-$f.log | grep -v "^ *B=\|baselines\|^$\|^ *shipped:\|^ *generic:" | cut -c1-250; done
