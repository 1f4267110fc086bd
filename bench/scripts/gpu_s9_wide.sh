#!/bin/bash
# Ninth session, last call (a build with bench/results/2026-11-26-h200-s9-wide/wide.patch, a
# diagnostic switch, not in the library): mmav gate/up with Q4_0 iw=1 and ku=4, each lane
# loading one whole block per row (16 bytes, -DMMAV_WIDE=1) and passing the words to the
# lanes that use them through local memory, against the same tile with the fragment-order
# 4-byte loads. flashmlp run --profile --reps 9, alternating, twice. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
prof() { # prof <B> <overrides> <tag> <build options>
  FLASHMLP_BUILD_OPTIONS="$4" FLASHMLP_OVERRIDES="$2" $b/flashmlp run --weights q4_0 --batch $1 \
    --reps 9 --check-rows 2 --profile > $o/raw.txt 2>&1
  awk -v B=$1 -v t="$3" '$1 ~ /^[0-9]+$/ && NF > 5 {tot=$2*1000; err=$5} /fmlp_/ {k=k" "$1"="$2}
    END {print "q4_0", B, t, "total", tot, "us err", err, ";", k}' $o/raw.txt; }
M="strategy=mmav wg=4 kw=4 fb=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1"
for r in 1 2; do
  for B in 4 16 32; do
    prof $B "$M fm=4 ku=2" db-ku2 ""
    for fm in 2 4; do
      prof $B "$M fm=$fm ku=4" fm$fm-ku4 ""
      prof $B "$M fm=$fm ku=4" fm$fm-ku4-wide "-DMMAV_WIDE=1"
    done
  done
done > $o/wide.txt 2>&1
cat $o/gpu.txt; sort -k2,2n -k3,3 $o/wide.txt | cut -c1-150
