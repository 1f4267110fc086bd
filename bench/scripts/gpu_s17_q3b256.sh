#!/bin/bash
# Seventeenth session: affine_q3+int8 at B=256, the one cell of the record below fp32 (1923
# against 1906 us, 0.99x): its plan is exact affine_q3's mma tile, on the layout regrouped for
# the integer path. The tuner over mma for that cell, the shipped choice measured in the run.
# Prediction: 3-6% (a tile with fewer decodes per mma, e.g. larger batch tiles), enough to pass
# fp32 (about 1820-1870 us).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 230 $b/flashmlp-tune --weights affine_q3 --precision int8 --batch 256 \
  --strategies mma --total-budget 210 --out $o/ovl/s17-q3i8-b256.db > $o/tune.log 2>&1
cat $o/gpu.txt; grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
