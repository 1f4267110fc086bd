#!/bin/bash
# Eleventh session, on an H100: the affine formats with integer zero points (FMLP_IZ) tuned for
# sm_90 (nvidia-sm_90.db sends them to iw=0 plans at B >= 33 and to older mmav tiles at B=16;
# the sixth session's H100 table had them at 0.70-0.97x of fp32 at B=16-256). (1) mmav tune at
# B=16, q4_0's tiles among the tries; (2) mma tune at B=64 and 256, q4_0's and the H200's tiles
# among the tries; (3) flashmlp-bench of fp32 and the affine formats at B=16/64/256 with the
# tunes as an overlay and with the shipped databases. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 170 $b/flashmlp-tune --weights affine_q4,affine_q3,affine_q2,affine_q8 --batch 16 \
  --strategies mmav --total-budget 150 --match arch \
  --try "strategy=mmav wg=4 kw=4 fm=4 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1" \
  --try "strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1" \
  --out $o/ovl/s11-h100-affine-b16.db > $o/tune-b16.log 2>&1
timeout 140 $b/flashmlp-tune --weights affine_q4,affine_q8,affine_q2,affine_q3 --batch 64,256 \
  --strategies mma --total-budget 120 --match arch \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1" \
  --try "strategy=mma mt=64 nt=64 kt=16 wm=1 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 iw=1" \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 iw=1" \
  --out $o/ovl/s11-h100-affine-b64-256.db > $o/tune-b64-256.log 2>&1
bench() { # bench <tag>
  timeout 90 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 \
    --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/bench-$1.csv --no-plot > $o/bench-$1.log 2>&1; }
bench overlay
FLASHMLP_TUNING_DIR=$o/none bench shipped
cat $o/gpu.txt
grep -h -A9 'tuned ms' $o/tune-b16.log $o/tune-b64-256.log | grep -v "^$\|^baselines" | cut -c1-250
for t in overlay shipped; do echo "== $t"; grep -v "^#" $o/bench-$t.csv | awk -F, 'NR > 1 {print $5, $7, $9, $19}' | sort -k1,1n -k2,2; done
