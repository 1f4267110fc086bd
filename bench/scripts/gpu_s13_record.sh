#!/bin/bash
# Thirteenth session, last call: the record of every weight format with the shipped databases
# (bench/results/2026-11-26-h200-burst/formats.sh: B = 1/16/64/256, exact and int8, the
# CLBlast chain with its H200-tuned parameters and PyTorch fp16/bf16 in the same call), then
# two more down-kernel shapes of the two-kernel form (dk) at B=1 that fit 256 threads, and the
# build log of one that did not fit 1024. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
date -u > $o/date.txt
mkdir -p $o/formats
BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats
. bench/scripts/gpu_prof.sh
strip() { echo "$1" | sed -E 's/ (dk|dsp|dc|dw|dr)=[0-9]+//g'; }
{
for c in f16:exact q4_0:int8; do
  IFS=: read w pr <<< "$c"; s=$(strip "$(plan $w 1 "--precision $pr")"); echo "# $c: $s"
  for v in "" "dk=1 dsp=1 dc=32 dw=256" "dk=1 dsp=16 dc=64 dw=256" "dk=1 dsp=2 dc=64 dw=256"; do
    prof $w 1 "$pr-${v// /_}" "$s $v" "--precision $pr"
  done
done
s=$(strip "$(plan f32 1)")
FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose FLASHMLP_OVERRIDES="$s dk=1 dsp=1 dc=32 dw=1024" \
  timeout 60 $b/flashmlp run --weights f32 --batch 1 --reps 1 --build-log > $o/buildlog-dw1024.txt 2>&1
grep -iE "does not fit|registers|ptxas" $o/buildlog-dw1024.txt | head -8
} > $o/dk2.txt 2>&1
cat $o/formats/formats-gpu.txt; cat $o/formats/formats-table.md | head -60; cat $o/dk2.txt | cut -c1-160
