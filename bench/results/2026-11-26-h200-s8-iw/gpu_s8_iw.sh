#!/bin/bash
# Eighth session, first call: mmav iw=1 (block formats' fields into the tensor cores without
# conversions). (1) the tests on the tensor cores; (2) A/B at B=4, 16, 32: every block format
# with its database entry (iw=0) and the same entry with iw=1, fp32 beside (flashmlp run,
# 9 reps, median, alternating, twice); (3) a B=16 mmav tune of the block formats with iw in
# the space. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
$b/tests/test_ops --filter 'ops/mmav_integer_weights' > $o/test-iw.txt 2>&1
$b/tests/test_errors > $o/test-errors.txt 2>&1
one() { # one <weights> <B> <overrides> <tag>
  FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 2 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
E="strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 splits=4"
E3="strategy=mmav wg=8 kw=8 fm=1 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=4 dpf=0 splits=2"
for r in 1 2; do
  for B in 4 16 32; do
    for w in q8_0 q4_0 affine_q2 affine_q4 affine_q8; do
      one $w $B "$E iw=0" iw0; one $w $B "$E iw=1" iw1
    done
    one affine_q3 $B "$E3 iw=0" iw0; one affine_q3 $B "$E3 iw=1" iw1
    one f32 $B "" db
  done
done > $o/ab.txt 2>&1
$b/flashmlp-tune --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --batch 16 \
  --strategies mmav --total-budget 200 --out $o/iw-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt; tail -1 $o/test-iw.txt; tail -1 $o/test-errors.txt
sort -k1,1 -k2,2n -k3,3 $o/ab.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort -k2,2n -k1,1
grep -h -A3 'tuned ms' $o/tune-b16.log | grep -v "^ \|^$"
