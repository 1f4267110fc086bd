#!/bin/bash
# Seventeenth session, the formats record with the new affine_q3+int8 rows: every weight format,
# exact and int8, at B = 1, 16, 64 and 256, with the tuned CLBlast chain and PyTorch fp16/bf16 in
# the same call (bench/results/2026-11-26-h200-burst/formats.sh, burst timing, shipped databases).
# Prediction: the sixteenth session's record within noise (about 2%) for every row it had
# (f32 B=1 about 170 us, f16/bf16 about 91, q4_0+int8 about 35, affine_q2+int8 about 27);
# affine_q3+int8 about 32.5 us at B=1 (1.68x its floor), 207 at 16 (1.03x slower than fp32), 540
# at 64, 1930 at 256 (fp32's time).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b timeout 500 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -30
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
