#!/bin/bash
# Eleventh session, third call: the affine formats tuned again now that integer zero points run
# the FMLP_IZ kernels (gpu_s11_iz.sh: B=16 affine_q4 got slower with its old mmav entry, 198 ->
# 217 us, while q4_0 takes 151 with whole-block loads). (1) mmav tune at B=16 with q4_0's wl
# tile among the tries; (2) mma tune at B=256 (q4_0's tile among the tries); (3) flashmlp-bench
# of fp32 and the affine formats at B=16/64/256 with the tunes as an overlay and with the
# shipped databases. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --weights affine_q4,affine_q3,affine_q2,affine_q8 --batch 16 \
  --strategies mmav --total-budget 180 \
  --try "strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1" \
  --try "strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=4 dpf=1 splits=2 iw=1 wl=1" \
  --try "strategy=mmav wg=4 kw=4 fm=4 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1" \
  --out $o/ovl/s11-affine-b16.db > $o/tune-b16.log 2>&1
timeout 110 $b/flashmlp-tune --weights affine_q8,affine_q4,affine_q2,affine_q3 --batch 256 \
  --strategies mma --total-budget 90 \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1" \
  --out $o/ovl/s11-affine-b256.db > $o/tune-b256.log 2>&1
bench() { # bench <tag>
  timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 \
    --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/bench-$1.csv --no-plot > $o/bench-$1.log 2>&1; }
bench overlay
FLASHMLP_TUNING_DIR=$o/none bench shipped
cat $o/gpu.txt
grep -h -A6 'tuned ms' $o/tune-b16.log $o/tune-b256.log | grep -v "^$\|^baselines" | cut -c1-250
for t in overlay shipped; do echo "== $t"; grep -v "^#" $o/bench-$t.csv | awk -F, 'NR > 1 {print $5, $7, $9, $19}' | sort -k1,1n -k2,2; done
