#!/bin/bash
# Seventeenth session, mmaq's third call: pf=1, the gate/up kernel's next step loaded before this
# step's mma (h200-s17-mmaq2 found the kernel waiting on each step's loads: four times the warps
# gave only 1.2x). The tuner over mmaq, whose seeds now start with the shipped winners with pf=1
# (and pf is its first axis), so each cell's line says the shipped entry's time and the best
# found, back to back: q4_0+int8 at B = 16, 32, 64, the other block formats at 16.
# Prediction: pf=1 1.15-1.3x on the gate/up kernel, the MLP 1.1-1.2x: q4_0+int8 B=16 129 ->
# 105-115 us, B=64 380 -> 330-350.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 170 $b/flashmlp-tune --weights q4_0 --precision int8 --batch 16,32,64 \
  --strategies mmaq --total-budget 150 --out $o/ovl/s17-mmaq3-q4.db > $o/tune-q4.log 2>&1
timeout -s INT 190 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --precision int8 --batch 16 --strategies mmaq --total-budget 170 \
  --out $o/ovl/s17-mmaq3-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
