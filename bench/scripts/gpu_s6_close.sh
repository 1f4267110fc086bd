#!/bin/bash
# Sixth session's last call: flashmlp-tune for fp32 SwiGLU at B=64/128 (mma, with 128-row tiles
# tried by hand: 1.35x/1.36x the floor before) and affine_q2/affine_q3 at B=64/256 (mma); then
# the fp32 benchmark (CLBlast, PyTorch) and every format at B=1/16/64/256
# (../results/2026-11-26-h200-burst/{command,formats}.sh) with the shipped databases and these
# tunes as the user overlay. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
date -u > $o/date.txt
$b/flashmlp-tune --batch 64,128 --strategies mma --total-budget 170 \
  --try "strategy=mma mt=128 nt=128 kt=16 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=1" \
  --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=1" \
  --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=1" \
  --out $o/tuning/f32.db > $o/tune-f32.log 2>&1
$b/flashmlp-tune --weights affine_q2,affine_q3 --batch 64,256 --strategies mma --total-budget 110 \
  --out $o/tuning/affine23.db > $o/tune-affine23.log 2>&1
export FLASHMLP_TUNING_DIR=$o/tuning
BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/command.log 2>&1
BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o > $o/command-formats.log 2>&1
grep -h -A6 'tuned ms' $o/tune-f32.log $o/tune-affine23.log | grep -v "^ \|^base\|^$"
cat $o/gpu.txt; grep swiglu $o/main-table.md
cat $o/formats-table.md
