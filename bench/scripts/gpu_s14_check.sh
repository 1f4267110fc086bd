#!/bin/bash
# Fourteenth session, second call. (1) bench/scripts/nvlog.c twice with one fresh token: does
# NVIDIA's driver leave ptxas's register counts out of the log when its compute cache serves
# the program (second process), and does the PTX carry .reqntid? (2) The library with its disk
# cache off, twice: does the H200 database's 1024-thread f16 plan run the second time, when the
# driver's cache serves it (program.c now reads the PTX then)? Prediction: yes, both times.
# (3) f32 B=1 tuned with 1024-thread shapes (prediction: within 1% of W1). (4) The formats
# record (bench/results/2026-11-26-h200-burst/formats.sh) with the new entries.
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
cc -O1 bench/scripts/nvlog.c -lOpenCL -lm -o /tmp/nvlog > $o/nvlog.txt 2>&1
tok=$(date +%s%N)
for i in 1 2; do echo "== process $i"; timeout 60 /tmp/nvlog $tok; done >> $o/nvlog.txt 2>&1
export FLASHMLP_CACHE=0
for i in 1 2; do
  timeout 60 $b/flashmlp run --weights f16 --batch 1 --reps 3 --build-log > $o/lib-$i.txt 2>&1
  echo "process $i: rc=$? $(grep -c 'does not fit' $o/lib-$i.txt) 'does not fit'; $(grep -E '^ +1 ' $o/lib-$i.txt | sed -E 's/ +/ /g' | cut -c1-150)"
done > $o/lib.txt
unset FLASHMLP_CACHE
mkdir -p $o/ovl
timeout -s INT 100 $b/flashmlp-tune --weights f32 --batch 1 --strategies stream --total-budget 80 \
  --try "strategy=stream wgs=1024 kl=16 ti=128 bt=1 vw=4 xc=4096 rg=8" \
  --try "strategy=stream wgs=1024 kl=16 ti=128 bt=1 vw=4 xc=2048 rg=8" \
  --try "strategy=stream wgs=1024 kl=32 ti=64 bt=1 vw=4 xc=4096 rg=8" \
  --try "strategy=stream wgs=512 kl=16 ti=64 bt=1 vw=4 xc=4096 rg=8" \
  --out $o/ovl/s14-f32-b1.db > $o/tune-f32-b1.log 2>&1
mkdir -p $o/formats
BUILD=$b timeout 380 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
cat $o/gpu.txt; grep -E "^==|pass|heavy|ptx\||log\|" $o/nvlog.txt | cut -c1-150 | head -40; cat $o/lib.txt
sed -n '/^shape (formats)/,/^$/p' $o/tune-f32-b1.log | cut -c1-250; grep "^candidates" $o/tune-f32-b1.log
cat $o/formats/formats-table.md 2>/dev/null | head -40
