#!/bin/bash
# Ninth session, last call: wl=1 for every 32-weight block (padded local rows). The tests on
# the card, then flashmlp run --reps 9 at B=4/16/32: q4_0 with its database entry (wl=1);
# q8_0 and affine_q8 (g32) with their entries against q4_0's wl tile. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/tests/test_ops --filter 'ops/mmav_wide_loads' > $o/test-wl.txt 2>&1
one() { # one <weights> <B> <overrides> <tag>
  FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 1 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
W="strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1"
for B in 4 16 32; do
  one q4_0 $B "" db
  one q8_0 $B "" db; one q8_0 $B "$W" wl
  one affine_q8 $B "" db; one affine_q8 $B "$W" wl
done > $o/ab.txt 2>&1
cat $o/gpu.txt; tail -1 $o/test-wl.txt; cat $o/ab.txt
