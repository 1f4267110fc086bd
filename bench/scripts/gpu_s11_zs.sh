#!/bin/bash
# For the next session (written in the tenth, not yet run): the affine formats' k-tile sums of
# x and h from a pass (mma zs=1) against the mma against ones (zs=0), same tiles, same call.
# Prediction (tenth session, PERFLOG): q4_0 takes 1699 us at B=256 where affine_q4 takes 1934
# with the same kind of tile, so the zero-point work is about 13%; zs=1 removes its mma (2 of
# 34 a k-step at B=256, 2 of 18 at B=64, down 4 of 36) and keeps FLUSH_SZ: expect 3-8% at
# B=256 and B=64, which would put affine_q2/q4/q8 at or above fp32 at 256 (1908 us).
# (1) tests of the mma iw path on the tensor cores; (2) flashmlp run --profile A/B, two rounds;
# (3) a tune at B=64,256 with zs in the space. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
timeout 120 $b/tests/test_ops --filter 'ops/mma_integer_weights' > $o/test-mma-iw.txt 2>&1
. bench/scripts/gpu_prof.sh # prof <weights> <B> <tag> <overrides>
T64="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 iw=1"
T64q2="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=16 iw=1"
T256="strategy=mma mt=64 nt=64 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1"
{
for r in 1 2; do
  for z in 0 1; do
    prof affine_q4 64 zs$z "$T64 zs=$z"; prof affine_q8 64 zs$z "$T64 zs=$z"
    prof affine_q2 64 zs$z "$T64q2 zs=$z"; prof affine_q3 64 zs$z "$T64 zs=$z"
    prof affine_q4 256 zs$z "$T256 order=1 zs=$z"; prof affine_q2 256 zs$z "$T256 order=1 zs=$z"
    prof affine_q8 256 zs$z "${T256/nt=64/nt=56} zs=$z"; prof affine_q3 256 zs$z "$T256 zs=$z"
  done
  prof f32 64 db ""; prof f32 256 db ""
done
} > $o/ab.txt 2>&1
if [ -z "${NO_TUNE:-}" ]; then # NO_TUNE=1: the A/B only
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --weights affine_q2,affine_q3,affine_q4,affine_q8 --batch 64,256 \
  --strategies mma --total-budget 170 --out $o/ovl/s11-zs.db > $o/tune.log 2>&1
fi
cat $o/gpu.txt; tail -1 $o/test-mma-iw.txt
sort -k2,2n -k1,1 -k3,3 -s $o/ab.txt | cut -c1-200
[ -f $o/tune.log ] && grep -h -A8 'tuned ms' $o/tune.log | grep -v "^$\|^baselines" | cut -c1-230
