#!/bin/bash
# Ninth session, last call: mmav wl=1 (whole blocks a lane) as committed. (1) its tests on the
# tensor cores (ops::mmav_wide_loads, ops::mmav_integer_weights) and test_errors; (2) A/B for
# affine_q4 (g32) at B=4/16/32: the database's entries against the same seeds with wl=1
# (flashmlp run --reps 9, alternating, twice); (3) the benchmark (burst timing) at B=2-32 for
# fp32, q4_0 and affine_q4 with the shipped databases. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
$b/tests/test_ops --filter 'ops/mmav_*' > $o/test-mmav.txt 2>&1
$b/tests/test_errors > $o/test-errors.txt 2>&1
one() { # one <weights> <B> <overrides> <tag>
  FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 1 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
W="strategy=mmav fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1"
for r in 1 2; do
  for B in 4 16 32; do
    one affine_q4 $B "" db
    one affine_q4 $B "$W wg=4 kw=4 fm=2" wl-kw4
    one affine_q4 $B "$W wg=4 kw=2 fm=2" wl-kw2
    one q4_0 $B "" db
  done
done > $o/ab.txt 2>&1
$b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 2,4,8,16,32 --weights f32,q4_0,affine_q4 \
  --impl flashmlp --reps 10 --budget 0.5 --csv $o/b2-32.csv --no-plot > $o/b2-32.log 2>&1
cat $o/gpu.txt; tail -1 $o/test-mmav.txt; tail -1 $o/test-errors.txt
sort -k1,1 -k2,2n -k3,3 $o/ab.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort -k2,2n -k1,1
grep -A20 "^Summary" $o/b2-32.log | head -24
