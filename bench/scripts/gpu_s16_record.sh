#!/bin/bash
# Sixteenth session, the record with this session's entries: every weight format, exact and
# int8, at B = 1, 16, 64 and 256, with the tuned CLBlast chain and PyTorch fp16/bf16 in the same
# call (bench/results/2026-11-26-h200-burst/formats.sh, burst timing, shipped databases only).
# Prediction against the fourteenth session's record (h200-s14-check/formats): B=1 affine_q2+int8
# 32.8 -> about 27 us, affine_q4+int8 42.2 -> about 36, q4_0 exact 55.5 -> about 51, q4_0+int8
# 36.0 -> about 35; f16/bf16 B=64 about 430 us and B=256 about 1530 (fp32 565 / 1899). Then (an
# overlay the record does not see) the tuner for f16 and bf16 at B=16 on this card, whose H200
# entries are older than the fm=4 tiles that won on the H100 this session.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b timeout 400 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
mkdir -p $o/ovl
timeout -s INT 110 $b/flashmlp-tune --weights f16,bf16 --batch 16 --strategies mmav \
  --total-budget 90 --out $o/ovl/s16-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -24
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
grep -A4 "^shape (formats)" $o/tune-b16.log | grep -v "^ *B=\|baselines\|^$" | cut -c1-250
