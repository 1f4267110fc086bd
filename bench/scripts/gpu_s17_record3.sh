#!/bin/bash
# Seventeenth session, the third formats record: mmaq with its quantized runs read in pairs: every weight format,
# exact and int8, at B = 1, 16, 64 and 256, with the tuned CLBlast chain and PyTorch fp16/bf16 in
# the same call (bench/results/2026-11-26-h200-burst/formats.sh, burst timing, shipped databases).
# Prediction: record2's rows within 2% except int8 at B = 16, which h200-s17-quant2 measured
# 2-11% faster (q4_0+int8 129 -> about 115 us, q8_0+int8 155 -> 139, affine_q3+int8 164 -> 152,
# affine_q4+int8 155 -> 132, affine_q8+int8 158 -> 151), and q4_0+int8 at 64 380 -> 370.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b timeout 500 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -30
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
