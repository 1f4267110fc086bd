#!/bin/bash
# Sixth session's last call: flashmlp-tune for affine_q2/affine_q3 at B=64/256 (mma), then every
# format at B=1/16/64/256 (../results/2026-11-26-h200-burst/formats.sh: CLBlast, PyTorch
# fp16/bf16 in the same call) with the shipped databases and that tune as the user overlay.
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
date -u > $o/date.txt
$b/flashmlp-tune --weights affine_q2,affine_q3 --batch 64,256 --strategies mma --total-budget 150 \
  --out $o/tuning/affine23.db > $o/tune-affine23.log 2>&1
FLASHMLP_TUNING_DIR=$o/tuning BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o \
  > $o/command-formats.log 2>&1
grep -h -A6 'tuned ms' $o/tune-affine23.log | grep -v "^ \|^base\|^$"
cat $o/formats-gpu.txt $o/formats-table.md
