#!/bin/bash
# Sixth session: GGML Q8_0/Q4_0 fields straight into the mma (mma iw=1) against the decoded
# fp32 path (iw=0), same tiles (the H100 database's), flashmlp run at B=64/256, alternating;
# fp32 with the same tiles beside them. Then the tensor-core tests for iw on the card, and a
# tune of q8_0/q4_0 (with the iw axis) and the affine formats at B=64/256.
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
T64="strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=1 dorder=0"
T256="strategy=mma mt=64 nt=64 kt=32 wm=1 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=0 dorder=0"
one() { FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 2 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
for r in 1 2; do
  for w in q8_0 q4_0 f32; do
    one $w 64 "$T64 iw=0" iw=0; one $w 64 "$T64 iw=1" iw=1
    one $w 256 "$T256 iw=0" iw=0; one $w 256 "$T256 iw=1" iw=1
  done
done > $o/iw.txt 2>&1
$b/tests/test_ops --filter 'ops/mma_integer_weights' --verbose > $o/test-iw.txt 2>&1
$b/flashmlp-tune --weights q8_0,q4_0 --batch 64,256 --strategies mma --total-budget 200 \
  --out $o/iw.db > $o/tune-iw.log 2>&1
$b/flashmlp-tune --weights affine_q4,affine_q8 --batch 64,256 --strategies mma --total-budget 160 \
  --out $o/affine.db > $o/tune-affine.log 2>&1
cat $o/gpu.txt $o/iw.txt; tail -2 $o/test-iw.txt
grep -h -A6 'tuned ms' $o/tune-iw.log $o/tune-affine.log | grep -v "^ \|^base\|^$"
