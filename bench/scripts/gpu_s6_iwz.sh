#!/bin/bash
# Sixth session: the affine formats' fields straight into the mma (iw=1, zero points through
# a column of ones) against decoding them to fp32 (iw=0), with the H100 database's tiles;
# flashmlp run at B=64/256, alternating, twice; fp32 with its own entries beside them. Then
# the iw test on the card. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
one() { FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 2 2>&1 |
  awk -v w=$1 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
M="strategy=mma order=0 dorder=0"
declare -A T
T[affine_q2,64]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=16"
T[affine_q2,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=4"
T[affine_q4,64]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16"
T[affine_q4,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=16 dwm=4 dwn=2 splits=2"
T[affine_q8,64]="${T[affine_q4,64]}"
T[affine_q8,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=16 dwm=2 dwn=2 splits=4"
for r in 1 2; do
  for B in 64 256; do
    for w in affine_q2 affine_q4 affine_q8; do
      one $w $B "${T[$w,$B]} iw=0" iw=0; one $w $B "${T[$w,$B]} iw=1" iw=1
    done
    one f32 $B "" db
  done
done > $o/iwz.txt 2>&1
$b/tests/test_ops --filter 'ops/mma_integer_weights' --verbose > $o/test-iw.txt 2>&1
cat $o/gpu.txt $o/iwz.txt; tail -2 $o/test-iw.txt
