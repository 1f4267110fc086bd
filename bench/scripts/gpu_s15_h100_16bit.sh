#!/bin/bash
# Fifteenth session: the H200's new f16/bf16 B=2 plan (stream wgs=512 ti=64 bt=2 xc=2048,
# 1.47-1.60x the generic mmav plan there, bench/results/2026-11-27-h200-s15-b2-16bit) on an
# H100, against the generic plan and the 1024-thread shape. Prediction: 1.2-1.3x faster than
# the generic plan (165.6 / 173.6 us in h100-s15-b2). Burst, two rounds.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
S="strategy=stream"
V=("" "$S wgs=512 kl=16 ti=64 bt=2 vw=8 xc=2048" "$S wgs=1024 kl=16 ti=128 bt=2 vw=8 xc=2048 rg=8")
for r in 1 2; do for w in f16 bf16; do for i in 0 1 2; do bench1 $w exact 2 $w-v$i-r$r "${V[$i]}"; done; done; done
cat $o/gpu.txt
for i in 0 1 2; do echo "v$i: ${V[$i]:-shipped}"; done
for w in f16 bf16; do for i in 0 1 2; do
  echo "$w B=2 v$i: $(bench_time $o/bench-$w-v$i-r1.csv) $(bench_time $o/bench-$w-v$i-r2.csv)"
done; done
