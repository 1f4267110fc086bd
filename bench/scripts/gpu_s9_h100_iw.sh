#!/bin/bash
# Ninth session, H100: the nvidia-sm_90.db B=2-32 mmav entries with iw=0 and iw=1, measured on
# an H100 for the first time (flashmlp run --reps 9, alternating, twice). $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu-iw.txt
one() { # one <weights> <B> <overrides> <tag>
  FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 1 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
E="strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 splits=4"
for r in 1 2; do
  for B in 4 16 32; do
    for w in q8_0 q4_0 affine_q2 affine_q4; do one $w $B "$E iw=0" iw0; one $w $B "$E iw=1" iw1; done
  done
done > $o/ab-iw.txt 2>&1
cat $o/gpu-iw.txt
sort -k1,1 -k2,2n -k3,3 $o/ab-iw.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort -k2,2n -k1,1
