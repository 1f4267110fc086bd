#!/bin/bash
# Eleventh session, record call on the shipped databases (integer zero points, the affine
# entries tuned again): bench/results/2026-11-26-h200-burst/formats.sh (every format, exact and
# int8, B=1/16/64/256, the CLBlast chain and PyTorch fp16/bf16 in the call) into formats/.
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats
timeout 330 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > $o/formats/cmd.log 2>&1
cat $o/gpu.txt
head -44 $o/formats/formats-table.md | cut -c1-170
