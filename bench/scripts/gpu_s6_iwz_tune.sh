#!/bin/bash
# Sixth session: affine_q4/affine_q8 at B=256 tuned with the iw axis and three tiles tried by
# hand whose warps hold more columns (the zero points' column of ones costs less there).
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --weights affine_q4,affine_q8 --batch 256 --strategies mma --total-budget 100 \
  --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=2 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 iw=1" \
  --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=16 dwm=2 dwn=2 splits=4 order=1 iw=1" \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=1 dmt=128 dnt=64 dkt=16 dwm=4 dwn=1 splits=2 iw=1" \
  --out $o/affine256.db > $o/tune-affine256.log 2>&1
grep -h -A4 'tuned ms' $o/tune-affine256.log | grep -v "^ \|^base\|^$"
grep -E "iw=1" $o/tune-affine256.log | grep -E " ms|ok" | head -12
