#!/bin/bash
# Fourteenth session, third call: the split reduction inside the stream kernel (fr=1) with the
# wider plans' fewer slices. The fourth session measured fr at 448 slices: its reducers' tail
# cost 4-6 us, more than the reduction kernel it removed. The 512- and 1024-thread plans have
# 224 and 112 slices (1.8-3.7 MB of partial sums instead of 7.3), and with 112 every work-group
# reduces a share. Prediction: fr=1 1-3 us faster with 112 slices, level with 224.
# Burst, flashmlp-bench, three rounds alternating. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
W512="wgs=512 kl=16 ti=64"; W1024="wgs=1024 kl=16 ti=128"
for w in f32 f16 bf16; do P[$w]=$(plan $w 1); echo "# $w: ${P[$w]}"; done > $o/ab.txt 2>&1
# variants: the shipped plan, and 512/1024 threads each with and without fr
for r in 1 2 3; do
  for w in f32 f16 bf16; do
    bench1 $w exact 1 $w-a512-r$r "$(with_params "${P[$w]}" "$W512 fr=0")"
    bench1 $w exact 1 $w-a512fr-r$r "$(with_params "${P[$w]}" "$W512 fr=1")"
    bench1 $w exact 1 $w-b1024-r$r "$(with_params "${P[$w]}" "$W1024 fr=0")"
    bench1 $w exact 1 $w-b1024fr-r$r "$(with_params "${P[$w]}" "$W1024 fr=1")"
  done
done
cat $o/gpu.txt; cut -c1-200 $o/ab.txt
for w in f32 f16 bf16; do
  for v in a512 a512fr b1024 b1024fr; do
    line="$w $v:"
    for r in 1 2 3; do f=$o/bench-$w-$v-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done
