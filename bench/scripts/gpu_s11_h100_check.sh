#!/bin/bash
# Eleventh session: the H100's new affine entries (nvidia-h100.db) benchmarked beside fp32 on the
# shipped databases, B=16/64/256 (affine_q3 at B=64 has the H200's tile, untried by the tune).
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 \
  --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 --budget 0.3 \
  --csv $o/check.csv --no-plot > $o/check.log 2>&1
cat $o/gpu.txt
grep -v "^#" $o/check.csv | awk -F, 'NR > 1 {print $5, $7, $9, $19, $NF}' | sort -k1,1n -k2,2 | cut -c1-120
