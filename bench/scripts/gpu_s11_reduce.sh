#!/bin/bash
# Eleventh session: the split reduction with every load of a thread issued up front (reduce.cl's
# fmlp_splits_sum unrolled) against the loop with four loads in flight (the commit before), two
# builds in one call: $BUILD (new) and $BUILD_OLD. Prediction: the B=1 reduction (448 splits)
# 7.4 -> about 3 us, so B=1 about 4 us faster for every format. (1) flashmlp run --profile at
# B=1 (fp32, f16, q4_0, q4_0+int8) and B=64 fp32 (16 splits), two rounds, builds alternating;
# (2) flashmlp-bench at B=1, every format (exact and int8), both builds. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}; bo=${BUILD_OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
{
for r in 1 2; do
  for v in new old; do
    b0=$b; [ $v = old ] && b=$bo
    prof f32 1 $v ""; prof f16 1 $v ""; prof q4_0 1 $v ""; prof q4_0 1 $v-int8 "" "--precision int8"
    prof f32 64 $v ""
    b=$b0
  done
done
} > $o/ab.txt 2>&1
for v in new old; do
  bb=$b; [ $v = old ] && bb=$bo
  timeout 80 $bb/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
    --impl flashmlp --reps 10 --budget 0.3 --csv $o/b1-$v.csv --no-plot > $o/b1-$v.log 2>&1
done
cat $o/gpu.txt
sort -k2,2n -k1,1 -k3,3 -s $o/ab.txt | cut -c1-150
for v in new old; do echo "== $v"; grep -v "^#" $o/b1-$v.csv | awk -F, 'NR > 1 {printf "%s %s | ", $7, $9} END {print ""}'; done
