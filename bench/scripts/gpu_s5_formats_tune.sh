#!/bin/bash
# Fifth session: flashmlp-tune for f16/bf16 at B=1 (1.153-1.159x the floor on the H100 with the
# sm_90 entry) and the exact block formats at B=16 (0.87-0.97x of fp32), then the same cells
# benchmarked (burst timing) with the tune as the user overlay, fp32 beside them.
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --weights f16,bf16 --batch 1 --strategies stream --total-budget 100 \
  --out $o/tuning/b1.db > $o/tune-b1.log 2>&1
$b/flashmlp-tune --weights q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --batch 16 \
  --strategies mmav,stream --total-budget 200 --out $o/tuning/b16.db > $o/tune-b16.log 2>&1
FLASHMLP_TUNING_DIR=$o/tuning $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16 \
  --weights f32,f16,bf16,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 \
  --budget 0.5 --csv $o/check.csv --no-plot > $o/check.log 2>&1
grep -A3 'tuned ms' $o/tune-b1.log; grep -A6 'tuned ms' $o/tune-b16.log
grep -E '^llama3-8b +swiglu +[0-9]+ flashmlp' $o/check.log | awk '{print $3, $5, $7, $10}'
