#!/bin/bash
# Fifteenth session, third call: phase 1's weights a step ahead (pb=1) for the fp32 and 16-bit
# formats. The knock-outs (h200-s15-ko) put the f16 kernel 3.3 us above a plain read of its
# bytes and its fixed part (launch, x staging, tile, stores: 10-11 us with no weight reads)
# 3 us above the probe's; with one 1024-thread work-group a compute unit, nothing covers the
# wait for x at the start and the drain at each x chunk's barriers.
# Prediction (before the call): f16 89.8 -> 88-89 us; f32 and bf16 (512 threads, 1.7
# work-groups a compute unit) 0.5-1.5 us.
# Burst, flashmlp-bench, three rounds alternating. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
for w in f32 f16 bf16; do P[$w]=$(plan $w 1); echo "# $w: ${P[$w]}"; done > $o/ab.txt 2>&1
V="base pb pbdl pbx4 pbx1k"
vparams() { # <variant> <weights>
  case $1 in
    base) echo "";;
    pb) echo "pb=1";;
    pbdl) echo "pb=1 dl=8";;
    pbx4) if [ $2 = f16 ]; then echo "pb=1 xc=4096"; else echo "pb=1 xc=2048"; fi;;
    pbx1k) if [ $2 = f32 ]; then echo "pb=1 wgs=1024 kl=32 ti=64 rg=8"; else echo "pb=1 wgs=1024 kl=16 ti=128 rg=8 xc=2048"; fi;;
  esac
}
for r in 1 2 3; do
  for w in f16 bf16 f32; do
    for v in $V; do
      s=$(with_params "${P[$w]}" "$(vparams $v $w)")
      [ $r = 1 ] && echo "$w $v: $s" >> $o/ab.txt
      bench1 $w exact 1 $w-$v-r$r "$s"
    done
  done
done
export REPS=15
for w in f16 f32; do
  prof $w 1 base "${P[$w]}" >> $o/prof.txt 2>&1
  prof $w 1 pb "$(with_params "${P[$w]}" "pb=1")" >> $o/prof.txt 2>&1
done
cat $o/gpu.txt; cut -c1-220 $o/ab.txt; cut -c1-200 $o/prof.txt
for w in f16 bf16 f32; do
  for v in $V; do
    line="$w $v:"
    for r in 1 2 3; do f=$o/bench-$w-$v-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done
