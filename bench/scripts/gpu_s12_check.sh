#!/bin/bash
# Twelfth session: on the card, the stream kernel's tests with dl (ops/stream_phase2_ahead and
# the other stream tests), then flashmlp-bench (burst) of the plans whose database entries took
# dl=1, on the shipped databases (no overrides): q8_0+int8 at B=1, q4_0/affine_q2/affine_q4
# +int8 at B=4 and 8. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 300 $b/tests/test_ops --filter 'ops/stream_*' --jobs 16 > $o/test-ops-stream.txt 2>&1
echo "test_ops stream rc=$?" >> $o/test-ops-stream.txt
timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,4,8 \
  --weights q8_0,q4_0,affine_q2,affine_q4 --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
  --csv $o/bench-int8.csv --no-plot > $o/bench-int8.log 2>&1
cat $o/gpu.txt; tail -3 $o/test-ops-stream.txt
grep -v '^#' $o/bench-int8.csv | awk -F, 'NR > 1 {s=$22; sub(/ ch=.*dl=/, " ... dl=", s); print $5, $7, $9, $17, substr(s, 1, 90)}'
