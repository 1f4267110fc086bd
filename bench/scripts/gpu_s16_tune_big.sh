#!/bin/bash
# Sixteenth session, last tune: f16 and bf16 at B=1024 and 4096 still take nvidia-sm_90.db's
# tiles tuned for fp32 (at B=64 and 256 their own tiles were 1.17-1.20x faster this session),
# and affine_q3 at B=16 runs at 1.01x of fp32 in the record (the closest any format comes to
# being slower than fp32). The tuner against the shipped choices in the same run. Prediction:
# 1.05-1.2x for the 16-bit cells; a few % for affine_q3.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 300 $b/flashmlp-tune --weights f16,bf16 --batch 1024,4096 --strategies mma \
  --total-budget 270 --reps 3 --out $o/ovl/s16-big.db > $o/tune-big.log 2>&1
timeout -s INT 90 $b/flashmlp-tune --weights affine_q3 --batch 16 --strategies mmav \
  --total-budget 70 --out $o/ovl/s16-q3.db > $o/tune-q3.log 2>&1
cat $o/gpu.txt
for f in big q3; do echo "== $f"; grep -A6 "^shape (formats)" $o/tune-$f.log | grep -v "^ *B=\|baselines\|^$\|^ *shipped:\|^ *generic:" | cut -c1-250; done
