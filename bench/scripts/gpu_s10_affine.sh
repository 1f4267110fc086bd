#!/bin/bash
# Tenth session, second call: the affine formats where they were slower than fp32 (the ninth
# session's H200 record: affine_q3 at B=16/64/256, affine_q8 at 16, all four at 256).
# (1) mmav tune at B=16 with wl (whole blocks a lane) in the space, seeds from spaces.c plus two
#     wl tiles with one row group a warp; (2) mma tune at B=256 (iw in the space);
# (3) flashmlp-bench of fp32 and the affine formats at B=16/64/256 with those tunes as an
#     overlay, and the same with the shipped databases. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --weights affine_q3,affine_q8,affine_q4,affine_q2 --batch 16 \
  --strategies mmav --total-budget 170 \
  --try "strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=4 dwg=8 dkw=8 dfb=2 dku=4 dpf=1 splits=2 iw=1 wl=1" \
  --try "strategy=mmav wg=8 kw=4 fm=1 fb=2 ku=4 dwg=8 dkw=8 dfb=2 dku=4 dpf=1 splits=2 iw=1 wl=1" \
  --out $o/ovl/s10-affine-b16.db > $o/tune-b16.log 2>&1
timeout 130 $b/flashmlp-tune --weights affine_q3,affine_q8,affine_q4,affine_q2 --batch 256 \
  --strategies mma --total-budget 110 --out $o/ovl/s10-affine-b256.db > $o/tune-b256.log 2>&1
bench() { # bench <tag>
  timeout 110 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 \
    --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/bench-$1.csv --no-plot > $o/bench-$1.log 2>&1; }
bench overlay
FLASHMLP_TUNING_DIR=$o/none bench shipped
cat $o/gpu.txt
grep -h -A5 'tuned ms' $o/tune-b16.log $o/tune-b256.log | grep -v "^$\|^baselines" | cut -c1-230
for t in overlay shipped; do echo "== $t"; grep -E "^llama3-8b +swiglu +[0-9]+ flashmlp" $o/bench-$t.log | awk '{print $3, $5, $7}'; done
