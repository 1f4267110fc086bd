#!/bin/bash
# Eighth session, second call: (1) A/B at B=16 and 4 of q4_0 (iw=1) with lane t's inputs the
# nibbles of one word (-DMMAV_KQ16=1, one load) against two words (default); of fm=2 against
# fm=1; fp32 beside (flashmlp run, 9 reps, median, alternating, twice); (2) a B=16 mmav tune of
# the block formats with iw and fm in the space. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
one() { # one <weights> <B> <overrides> <tag> [build options]
  FLASHMLP_BUILD_OPTIONS="$5" FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 \
    --reps 9 --check-rows 2 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
E="strategy=mmav wg=4 kw=4 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 splits=4 iw=1"
for r in 1 2; do
  for B in 4 16; do
    one q4_0 $B "$E fm=1" fm1; one q4_0 $B "$E fm=1" fm1-kq16 -DMMAV_KQ16=1
    one q4_0 $B "$E fm=2" fm2; one q4_0 $B "$E fm=2" fm2-kq16 -DMMAV_KQ16=1
    one affine_q4 $B "$E fm=2" fm2; one affine_q4 $B "$E fm=1" fm1
    one f32 $B "" db
  done
done > $o/ab.txt 2>&1
$b/flashmlp-tune --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --batch 16 \
  --strategies mmav --total-budget 300 --out $o/fm-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt
sort -k1,1 -k2,2n -k3,3 $o/ab.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort -k2,2n -k1,1
grep -h -A7 'tuned ms' $o/tune-b16.log | grep -v "^ \|^$" | cut -c1-200
