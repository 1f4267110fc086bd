#!/bin/bash
# Seventeenth session, last call: after refactoring mmaq's kernels (helpers for a batch tile's
# quantized rows and runs; no change of behaviour) and the reduction's arguments (one helper for
# stream, mma and mmaq), the suite's mmaq, q3-regrouped, int8 stream and mma tests on the tensor
# cores, and flashmlp-bench of the int8 formats at B = 16 on the shipped databases.
# Prediction: tests pass; times as in h200-s17-record3 within 2% (q4_0+int8 116 us).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
(cd $b/tests && for f in 'ops/mmaq*' 'ops/q3_regrouped*' 'ops/stream_int8' 'ops/mma_integer*'; do
   timeout 200 ./test_ops --filter "$f" -j4 2>&1 | tail -1; done) > $o/tests.txt 2>&1
timeout 150 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16 \
  --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8 \
  --impl flashmlp --reps 10 --budget 0.3 --csv $o/int8-b16.csv --no-plot > $o/int8-b16.log 2>&1
cat $o/gpu.txt $o/tests.txt
grep -v '^#' $o/int8-b16.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
  {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
