#!/bin/bash
# Eleventh session: the affine formats' integer zero points (FMLP_IZ builds of mma and mmav:
# q - z into the mma, no sums of x) on the H200. (1) the tensor-core tests of the iw paths;
# (2) flashmlp run --profile with the tiles of this morning's zs A/B (results/2026-11-27-h200-
# s11-first/zs, zs0 rows: the same plans before FMLP_IZ), affine_q3 with iw=1 at B=64 too, and
# q4_0's B=256 tile for the affine formats; B=16 on the shipped entries; (3) flashmlp-bench,
# every exact format at B=16/64/256 (no format slower than fp32?). Prediction: the gate/up and
# down kernels of the affine formats at q4_0's speed at B=256 (q4_0 1699 us against affine_q4
# 1934: about 12% faster), 5-10% at B=64. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
for t in integer_zero_points mma_integer_weights mmav_integer_weights; do
  timeout 90 $b/tests/test_ops --filter "ops/$t" > $o/test-$t.txt 2>&1
done
. bench/scripts/gpu_prof.sh
T64="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 iw=1"
T64q2="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=16 iw=1"
T256="strategy=mma mt=64 nt=64 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1"
Q4T256="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1"
Q4T64="strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=1 iw=1"
{
  prof affine_q4 64 iz "$T64"; prof affine_q8 64 iz "$T64"; prof affine_q2 64 iz "$T64q2"
  prof affine_q3 64 iz "$T64"; prof affine_q3 64 shipped ""; prof q4_0 64 shipped ""
  prof affine_q4 64 q4tile "$Q4T64"; prof f32 64 shipped ""
  prof affine_q4 256 iz "$T256 order=1"; prof affine_q2 256 iz "$T256 order=1"
  prof affine_q8 256 iz "${T256/nt=64/nt=56}"; prof affine_q3 256 iz "$T256"
  prof affine_q4 256 q4tile "$Q4T256"; prof affine_q3 256 q4tile "$Q4T256"
  prof q4_0 256 shipped ""; prof f32 256 shipped ""
  for w in affine_q2 affine_q3 affine_q4 affine_q8 q4_0 f32; do prof $w 16 shipped ""; done
} > $o/ab.txt 2>&1
timeout 150 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 10 \
  --budget 0.5 --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
cat $o/gpu.txt; for t in $o/test-*.txt; do echo "$(basename $t): $(tail -1 $t)"; done
cut -c1-170 $o/ab.txt
grep -v "^#" $o/formats.csv | awk -F, 'NR > 1 {print $5, $7, $9, $19}' | sort -k1,1n -k2,2
