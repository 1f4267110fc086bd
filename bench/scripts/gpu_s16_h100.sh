#!/bin/bash
# Sixteenth session, H100: the cells the coverage report lists without an H100 entry where the
# H200 gained this session and last: f16 and bf16 at B=4, 16, 64 and 256 (H200: 1.02-1.47x),
# and B=1 with int8 dot products for q4_0, affine_q2 and affine_q4 (H200: 1.03-1.22x from
# 1024-thread stream shapes). The tuner against the shipped choices in the same run.
# Prediction: 1.1-1.4x for f16/bf16 at B=64 and 256, a few % at B=4-16; 1.0-1.2x at B=1.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 300 $b/flashmlp-tune --weights f16,bf16 --batch 4,16,64,256 \
  --strategies mma,mmav,stream --total-budget 280 --out $o/ovl/s16-h100-16bit.db > $o/tune-16bit.log 2>&1
timeout -s INT 140 $b/flashmlp-tune --weights q4_0,affine_q2,affine_q4 --precision int8 --batch 1 \
  --strategies stream --total-budget 120 --out $o/ovl/s16-h100-int8.db > $o/tune-int8.log 2>&1
cat $o/gpu.txt
for f in 16bit int8; do echo "== $f"; grep -A12 "^shape (formats)" $o/tune-$f.log | grep -v "^ *B=\|baselines\|^$\|^ *shipped:\|^ *generic:" | cut -c1-250; done
