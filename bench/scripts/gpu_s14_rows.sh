#!/bin/bash
# Third version: the fused form's local lane sums at kernel scope (OpenCL C wants __local there;
# the second call's fused plans did not build); R2 dropped.
# Fourteenth session (second version, after the first call: the down kernel read h from global
# memory, 69 us for f16's 117 MB of down, and the fused plans' strings kept dc=0 dw=0, which
# configure refused; now h is staged in local memory xc units at a time and 0 takes the
# default): the stream strategy's dk=2 (down as rows of down [H][I], no partial
# sums, no reduction) at B=1 against the shipped plans, f32/f16/bf16, burst, two rounds:
#   S   the shipped plan
#   R1  two kernels: the shipped phase 1, then 256 work-groups of 512 threads, 16 rows each,
#       32 lanes a row;  R2  128 work-groups of 512, 32 rows, 16 lanes
#   F1  one kernel (dg=1): 112 work-groups of 1024 (128 units of I each), a device-wide wait,
#       then 36-37 rows of down each, 16 lanes a row (one pass);  F2  32 lanes (two passes)
#   F3  one kernel: 128 work-groups of 896 (112 units), 32 rows each, 16 lanes a row
# Predictions (written before the call): R1/R2 1-2 us faster than S for every format (no
# partial sums written and read back, one kernel less of latency); F1-F3 3-5 us faster
# (one launch; the read probe's one-kernel-with-a-wait read of 704.6 MB took 161.8 us against
# two kernels' 165.3); the wait's cost is the slowest slice's lag.
# Then flashmlp run --profile of S, R1 and F1 for f16. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
S=""
R1="dk=2 dc=16 dw=512 dr=32"; R2="dk=2 dc=32 dw=512 dr=16"
F1="wgs=1024 kl=16 ti=128 dk=2 dg=1 dr=16"; F2="wgs=1024 kl=16 ti=128 dk=2 dg=1 dr=32"
F3="wgs=896 kl=16 ti=112 dk=2 dg=1 dr=16"
vs="S R1 F1 F2 F3"
for w in f32 f16 bf16; do P[$w]=$(plan $w 1); echo "# $w: ${P[$w]}"; done > $o/ab.txt 2>&1
for r in 1 2; do
  for w in f32 f16 bf16; do
    for v in $vs; do bench1 $w exact 1 $w-$v-r$r "$(with_params "${P[$w]}" "${!v}")"; done
  done
done
for v in S R1 F1; do prof f16 1 $v "$(with_params "${P[f16]}" "${!v}")" >> $o/prof.txt; done
cat $o/gpu.txt; cut -c1-200 $o/ab.txt; cut -c1-250 $o/prof.txt
for w in f32 f16 bf16; do
  for v in $vs; do
    line="$w $v:"
    for r in 1 2; do f=$o/bench-$w-$v-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done
for f in $o/bench-*-r1.log; do grep -l -iE "error|fail|refused" $f; done | head
