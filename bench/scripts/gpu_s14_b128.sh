#!/bin/bash
# Fourteenth session: B=128 (0.99x cuBLAS fp32's speed in the record) tuned over mma with the
# 512-thread tiles that cover all 128 rows (refused on NVIDIA before the thirteenth session).
# Prediction: one of them 2-5% faster than the shipped 64 x 56 tile. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
unset FLASHMLP_TUNING_DIR
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout -s INT 150 $b/flashmlp-tune --weights f32 --batch 128 --strategies mma --total-budget 120 \
  --try "strategy=mma mt=128 nt=128 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=1" \
  --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2" \
  --try "strategy=mma mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=2" \
  --try "strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 dorder=1" \
  --try "strategy=mma mt=128 nt=56 kt=32 wm=8 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 dorder=1" \
  --out $o/s14-b128.db > $o/tune-b128.log 2>&1
cat $o/gpu.txt; sed -n '/^shape (formats)/,/^$/p' $o/tune-b128.log | cut -c1-230; grep "^candidates" $o/tune-b128.log
grep -E "wm=4 wn=4|wm=8|wm=4 wn=2" $o/tune-b128.log | cut -c1-200 | head
