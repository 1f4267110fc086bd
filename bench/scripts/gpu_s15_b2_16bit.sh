#!/bin/bash
# Fifteenth session: f16 and bf16 at B=2-8. They have no entries of their own and take
# nvidia-sm_90.db's generic mmav plans (B=2: 16 batch rows a tile); on the H100 f16 B=2 took
# 165.6 us against cuBLAS fp16's 141.7 (bench/results/2026-11-27-h100-s15-b2). Candidates: the
# stream kernel with the B=1 plans' wide shapes and a batch tile of B, and mmav with one n8
# tile. Prediction (before the call): at B=2 the stream shapes within 5% of B=1's time (H200
# about 93-95 us), at B=4-8 the best of stream and mmav-fb=1 1.1-1.3x faster than the generic.
# Burst, flashmlp-bench, two rounds alternating. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
S="strategy=stream"; M="strategy=mmav wg=4 kw=4 fm=1 fb=1 ku=1 dwg=8 dkw=4 dfb=1 dku=4 splits=8"
declare -A C
C[2]="ship|$S wgs=1024 kl=16 ti=128 bt=2 vw=8 xc=2048 rg=8|$S wgs=512 kl=16 ti=64 bt=2 vw=8 xc=4096|$S wgs=512 kl=16 ti=64 bt=2 vw=8 xc=2048|$M"
C[4]="ship|$S wgs=512 kl=16 ti=64 bt=4 vw=8 xc=2048|$S wgs=256 kl=16 ti=64 bt=4 vw=8 xc=1024|$M"
C[8]="ship|$S wgs=256 kl=16 ti=64 bt=8 vw=8 xc=512|$S wgs=512 kl=16 ti=64 bt=8 vw=8 xc=1024|$M"
for r in 1 2; do
  for w in f16 bf16; do
    for B in 2 4 8; do
      IFS='|' read -ra L <<< "${C[$B]}"
      for i in "${!L[@]}"; do
        ov=${L[$i]}; [ "$ov" = ship ] && ov=""
        [ $r = 1 ] && [ $w = f16 ] && echo "B=$B v$i: ${ov:-shipped}" >> $o/ab.txt
        bench1 $w exact $B $w-b$B-v$i-r$r "$ov"
      done
    done
  done
done
cat $o/gpu.txt $o/ab.txt
for w in f16 bf16; do for B in 2 4 8; do
  IFS='|' read -ra L <<< "${C[$B]}"
  for i in "${!L[@]}"; do
    line="$w B=$B v$i:"
    for r in 1 2; do f=$o/bench-$w-b$B-v$i-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"; done
    echo "$line"
  done
done; done
