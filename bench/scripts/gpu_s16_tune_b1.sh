#!/bin/bash
# Sixteenth session, third call. The second call's tune gave affine_q2 with int8 dot products at
# B=1 1.22x (32.9 -> 26.9 us) from a 1024-thread stream shape: every B=1 entry of the block
# formats dates from before the thirteenth session's fix that let 512- and 1024-thread plans
# build on NVIDIA. So the tuner over the stream strategy for the other block formats at B=1,
# int8 (q4_0, affine_q4, affine_q8) and exact (q4_0, affine_q2, affine_q3, affine_q4, affine_q8),
# against the shipped choices in the same run. Prediction: 5-20% for the small formats (q4_0,
# affine_q2/q3/q4), 0-5% for the 8-bit ones; q4_0 with int8 from 36 to about 31-33 us, not 30.
# Then f16 and bf16 at B=128 with the new B=33-128 entry (tuned at 64) against the arch file's
# entry they took before, in one run (burst, flashmlp-bench alone).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 150 $b/flashmlp-tune --weights q4_0,affine_q4,affine_q8 --precision int8 --batch 1 \
  --strategies stream --total-budget 130 --out $o/ovl/s16-b1-int8.db > $o/tune-int8.log 2>&1
timeout -s INT 220 $b/flashmlp-tune --weights q4_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --batch 1 --strategies stream --total-budget 200 --out $o/ovl/s16-b1-exact.db > $o/tune-exact.log 2>&1
. bench/scripts/gpu_prof.sh
old="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 order=0 dorder=0 iw=0 emu=0"
for r in 1 2; do
  for w in f16 bf16; do
    bench1 $w exact 128 $w-new-r$r ""
    bench1 $w exact 128 $w-old-r$r "$old"
  done
done
cat $o/gpu.txt
for f in int8 exact; do echo "== $f"; grep -A9 "^shape (formats)" $o/tune-$f.log | grep -v "^ *B=\|baselines\|^$" | cut -c1-250; done
for w in f16 bf16; do
  line="$w B=128 new/old:"; for r in 1 2; do line="$line $(bench_time $o/bench-$w-new-r$r.csv)/$(bench_time $o/bench-$w-old-r$r.csv)"; done; echo "$line"
done
