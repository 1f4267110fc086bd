#!/bin/bash
# Fifteenth session, first call: phase 2 of the stream kernel in row groups (rs) with rows of
# down^T loaded together (pu), and slices that fill the 132 compute units (ti=112: 128 slices;
# ti=56: 256). The f16 B=1 plan has 1024 threads of 8 values, twice H = 4096: half its threads
# have no columns in phase 2, the other half stream 128 rows each with whatever loads the
# compiler keeps in flight; its 112 slices leave 20 compute units idle.
# Predictions (written before the call): f16 90.6 -> 88-89 us with rs=2 pu=4 (phase 2's third
# of the bytes at the stream's rate); bf16 (512 threads, every thread busy) and f32 (two passes
# of 2048 columns) 0-1 us from pu; ti=112 level to 1 us better.
# Burst, flashmlp-bench, two rounds alternating. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
for w in f32 f16 bf16; do P[$w]=$(plan $w 1); echo "# $w: ${P[$w]}"; done > $o/ab.txt 2>&1
V="base rs2 pu4 pu8 rs2pu4 w1024 t112 t112b t56"
vparams() { # <variant> <weights>
  case $1 in
    base) echo "";;
    rs2) echo "rs=2";;
    pu4) echo "pu=4";;
    pu8) echo "pu=8";;
    rs2pu4) echo "rs=2 pu=4";;
    w1024) if [ $2 = f32 ]; then echo "wgs=1024 kl=32 ti=64 vw=4 rs=1 pu=4"; else echo "wgs=1024 kl=16 ti=128 rg=8 rs=2 pu=4"; fi;;
    t112) echo "wgs=1024 kl=64 ti=112 rg=8 rs=2 pu=4";;
    t112b) echo "wgs=512 kl=32 ti=112 pu=4";;
    t56) echo "wgs=512 kl=64 ti=56 pu=4";;
  esac
}
for r in 1 2; do
  for w in f16 bf16 f32; do
    for v in $V; do
      s=$(with_params "${P[$w]}" "$(vparams $v $w)")
      [ $r = 1 ] && echo "$w $v: $s" >> $o/ab.txt
      bench1 $w exact 1 $w-$v-r$r "$s"
    done
  done
done
# kernel times, f16: the shipped plan and rs=2 pu=4
export REPS=15
prof f16 1 base "${P[f16]}" > $o/prof.txt 2>&1
prof f16 1 rs2pu4 "$(with_params "${P[f16]}" "rs=2 pu=4")" >> $o/prof.txt 2>&1
prof f16 1 t112 "$(with_params "${P[f16]}" "$(vparams t112 f16)")" >> $o/prof.txt 2>&1
cat $o/gpu.txt; cut -c1-220 $o/ab.txt; cut -c1-200 $o/prof.txt
for w in f16 bf16 f32; do
  for v in $V; do
    line="$w $v:"
    for r in 1 2; do f=$o/bench-$w-$v-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done
