#!/bin/bash
# Fifteenth session, fourth call: the stream kernel at B=2-16 with phase 1's weights a step
# ahead (pb=1, fp32). At bt=8-16 a thread does 8-16 FMAs a weight; without loads ahead each
# warp waits out a whole load latency between steps, which the 2-4 warps a scheduler do not
# cover (the thirteenth session's stream plans at B=16 took 394-843 us, mmav 200). Against the
# shipped plans (stream at B=2, mmav at 3-16). Prediction (before the call): pb=1 1.3-2x faster
# than the same stream plan without it at bt=8-16; stream+pb beats mmav at B=4-8 by 0-5%, not
# at B=16 (partial sums of 29-117 MB); B=2 0-2%.
# Burst, flashmlp-bench, two rounds alternating. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
S="strategy=stream"
declare -A C
C[2]="ship|$S wgs=256 kl=16 ti=32 bt=2 vw=4 xc=512 pb=1|$S wgs=512 kl=16 ti=64 bt=2 vw=4 xc=4096 pb=1|$S wgs=512 kl=16 ti=64 bt=2 vw=4 xc=4096"
C[4]="ship|$S wgs=256 kl=16 ti=64 bt=4 vw=4 xc=512 pb=1|$S wgs=256 kl=16 ti=64 bt=4 vw=4 xc=512|$S wgs=512 kl=16 ti=64 bt=4 vw=4 xc=2048 pb=1"
C[8]="ship|$S wgs=256 kl=16 ti=64 bt=8 vw=4 xc=512 pb=1|$S wgs=256 kl=16 ti=64 bt=8 vw=4 xc=512|$S wgs=256 kl=16 ti=32 bt=8 vw=4 xc=512 pb=1|$S wgs=512 kl=16 ti=64 bt=8 vw=4 xc=1024 pb=1"
C[16]="ship|$S wgs=256 kl=16 ti=32 bt=16 vw=4 xc=512 pb=1|$S wgs=256 kl=16 ti=32 bt=16 vw=4 xc=512|$S wgs=512 kl=16 ti=64 bt=16 vw=4 xc=512 pb=1|$S wgs=512 kl=16 ti=64 bt=16 vw=4 xc=512 pb=1 dk=1"
for r in 1 2; do
  for B in 2 4 8 16; do
    IFS='|' read -ra L <<< "${C[$B]}"
    for i in "${!L[@]}"; do
      ov=${L[$i]}; [ "$ov" = ship ] && ov=""
      [ $r = 1 ] && echo "B=$B v$i: ${ov:-shipped}" >> $o/ab.txt
      bench1 f32 exact $B b$B-v$i-r$r "$ov"
    done
  done
done
cat $o/gpu.txt; cat $o/ab.txt
for B in 2 4 8 16; do
  IFS='|' read -ra L <<< "${C[$B]}"
  for i in "${!L[@]}"; do
    line="B=$B v$i:"
    for r in 1 2; do f=$o/bench-b$B-v$i-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done
