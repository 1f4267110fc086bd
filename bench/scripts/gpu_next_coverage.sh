#!/bin/bash
# Written in the sixteenth session for the next one (not yet run): the cells that
# bench/results/2026-11-27-coverage-s16/ still lists without an entry of the card, tuned against
# the shipped choices in the same run. On either card (the tuner writes for the device it runs
# on); one call of about 9 minutes. Prediction, by the sixteenth session's cells: 1.0-1.3x for
# the affine formats and q8_0 at B=4 and 32 (their arch entries were tuned on an H100 for other
# tiles), 1.1-1.3x for the block formats at B=1024 (the arch file's fp32-era tiles, as f16's
# were); q8_0 at B=64 on the H100 (0.99x of fp32 in h100-s16-record) to above fp32.
# Usage (on the device): bash bench/scripts/gpu_next_coverage.sh $OUT/r. --uncovered skips the cells
# that have an entry of the card by then (a second run does not tune them again).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 230 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --batch 4,32 --strategies mmav,stream --total-budget 210 --uncovered --out $o/ovl/small.db > $o/tune-small.log 2>&1
timeout -s INT 200 $b/flashmlp-tune --weights q8_0,q4_0,affine_q4 --batch 1024 --strategies mma \
  --total-budget 180 --reps 3 --uncovered --out $o/ovl/big.db > $o/tune-big.log 2>&1
timeout -s INT 90 $b/flashmlp-tune --weights q8_0 --batch 64 --strategies mma \
  --total-budget 70 --out $o/ovl/q8-64.db > $o/tune-q8-64.log 2>&1
cat $o/gpu.txt
for f in small big q8-64; do
  echo "== $f"; grep -A16 "^shape (formats)" $o/tune-$f.log | grep -v "^ *B=\|baselines\|^$\|^ *shipped:\|^ *generic:" | cut -c1-250
done
