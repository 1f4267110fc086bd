#!/bin/bash
# Seventeenth session, the second formats record: with mmaq's entries (int8 at B = 9-64 on the integer tensor cores): every weight format,
# exact and int8, at B = 1, 16, 64 and 256, with the tuned CLBlast chain and PyTorch fp16/bf16 in
# the same call (bench/results/2026-11-26-h200-burst/formats.sh, burst timing, shipped databases).
# Prediction: the first record's rows within 2% except int8 at B = 16 (h200-s17-mmaq2's tuner
# times): q4_0+int8 151 -> about 129 us, q8_0+int8 172 -> 155, affine_q2+int8 168 -> 146,
# affine_q3+int8 208 -> 165 (now faster than fp32), affine_q4+int8 161 -> 156, affine_q8+int8
# 179 -> 158; q4_0+int8 at B = 64 551 -> about 380.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b timeout 500 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -30
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
