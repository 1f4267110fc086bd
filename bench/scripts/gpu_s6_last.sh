#!/bin/bash
# Sixth session's record: the fp32 benchmark (SwiGLU and ReLU, B=1-4096, CLBlast and PyTorch in
# the same call) and every format at B=1/16/64/256, with the shipped databases only; the
# card's clocks and throttle reasons before and after (clocks.txt).
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
date -u > $o/date.txt
nvidia-smi -q -d CLOCK,PERFORMANCE,TEMPERATURE,POWER > $o/clocks.txt 2>&1
BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/command.log 2>&1
echo "==== after the fp32 benchmark" >> $o/clocks.txt
nvidia-smi -q -d CLOCK,PERFORMANCE,TEMPERATURE,POWER >> $o/clocks.txt 2>&1
BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o > $o/command-formats.log 2>&1
echo "==== after the formats benchmark" >> $o/clocks.txt
nvidia-smi -q -d CLOCK,PERFORMANCE,TEMPERATURE,POWER >> $o/clocks.txt 2>&1
cat $o/gpu.txt $o/main-table.md $o/formats-table.md
grep -E "SM  |Graphics|Temp|Power Draw|Active|Slowdown" $o/clocks.txt | grep -v "Not Active\|N/A" | head -30
