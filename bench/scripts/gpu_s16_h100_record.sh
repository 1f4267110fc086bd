#!/bin/bash
# Sixteenth session, H100: the formats record with this session's H100 entries (f16/bf16 at
# B=9-2048, the block formats at B=1): bench/results/2026-11-26-h200-burst/formats.sh, every
# format at B = 1, 16, 64, 256 with the CLBlast chain (the H200-tuned parameters, as ANCHORS.md's
# H100 table) and PyTorch in the same call. Prediction against the fifteenth session's H100
# rows and the tuner's gains: f16/bf16 B=64 about 430 us and B=256 about 1500-1530 (fp32 about
# 550 / 1900); affine_q2+int8 B=1 about 35 us; no format slower than fp32.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b timeout 400 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -24
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
grep clblast $o/formats/formats.csv | grep -v '^#' | cut -d, -f5,6,9
