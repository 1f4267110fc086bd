#!/bin/bash
# Fifth session, the one call that landed on an H200: flashmlp-tune for fp32 SwiGLU at B=8/16
# (stream, mmav) into $1/tuning, then the burst-timed fp32 benchmark of
# ../results/2026-11-26-h200-burst/command.sh with that tune as the user overlay (its entries
# then go into tuning/nvidia-h200.db). $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
$b/flashmlp-tune --batch 8,16 --strategies stream,mmav --total-budget 150 --out $o/tuning/b8-16.db \
  > $o/tune-b8-16.log 2>&1
FLASHMLP_TUNING_DIR=$o/tuning BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > /dev/null 2>&1
grep -A3 'tuned ms' $o/tune-b8-16.log; cat $o/main-table.md
