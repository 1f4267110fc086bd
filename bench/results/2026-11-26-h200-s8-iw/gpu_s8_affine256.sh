#!/bin/bash
# Eighth session, fourth call: the affine formats at B=256 (mma, iw=1), whose zero points cost
# an mma against ones per 16-row fragment of x for every kk step: the database's tiles have two
# 8-column fragments a warp (+25% mma), so the seeds give a warp eight or seven (+6%).
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --weights affine_q2,affine_q4,affine_q8,affine_q3 --batch 256 --strategies mma \
  --total-budget 300 --out $o/affine256.db \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1" \
  --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1" \
  --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 order=1" \
  --try "strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 iw=1" \
  > $o/tune-affine256.log 2>&1
cat $o/gpu.txt
grep -h -A5 'tuned ms' $o/tune-affine256.log | grep -v "^ \|^$" | cut -c1-230
