#!/bin/bash
# Fifteenth session: f16 and bf16 at B=4 and 8 have no entries of their own either (the arch
# file's generic mmav plan, fb=1: H200 f16 102.8 / 113.9 us, 1.33x / 1.47x the floor). The
# tuner over mmav and stream for them, its choices compared with the shipped ones in the same
# run. Prediction: 3-10% from mmav shapes tuned for these formats.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 250 $b/flashmlp-tune --weights f16,bf16 --batch 4,8 --strategies mmav,stream \
  --total-budget 220 --out $o/ovl/s15-16bit.db > $o/tune.log 2>&1
cat $o/gpu.txt; grep -E "^== |shipped databases choose|^  B=|^candidates|^wrote" $o/tune.log | cut -c1-230
grep -A3 "^shape" $o/tune.log | cut -c1-230 | head -40; grep -v "^#" $o/ovl/s15-16bit.db | cut -c1-250
