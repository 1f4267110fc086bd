#!/bin/bash
# Sixth session's closing benchmarks, two calls (each within the ten-minute limit):
#   $2 = main:    the burst-timed fp32 SwiGLU and ReLU benchmark, B=1-4096, CLBlast (H200-tuned
#                 parameters) and PyTorch in the same call (../results/2026-11-26-h200-burst/command.sh)
#   $2 = formats: every format at B=1/16/64/256 with CLBlast and PyTorch fp16/bf16 (formats.sh)
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
date -u > $o/date.txt
if [ "$2" = main ]; then
  BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/command.log 2>&1
  cat $o/gpu.txt $o/main-table.md
else
  BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o > $o/command-formats.log 2>&1
  cat $o/formats-gpu.txt $o/formats-table.md
fi
