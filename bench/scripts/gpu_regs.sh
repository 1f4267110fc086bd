#!/bin/bash
# On the GPU machine, with a build in $1: NVIDIA's register use of the stream kernel (ptxas
# info through -cl-nv-verbose) and the B=1 time with the register count capped.
b=$1
export FLASHMLP_CACHE=off
run() { $b/flashmlp run --batch 1 --reps 20 --check-rows 1 --profile --build-log "$@" 2>&1 |
        grep -E "entry function|Used|spill|^ +1 |fmlp_|flashmlp:" | cut -c1-150; }
for w in f32 q4_0 affine_q3; do
  ov="strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096"; [ $w = f32 ] && ov="$ov vw=4"
  echo "== $w $ov"
  FLASHMLP_BUILD_OPTIONS="-cl-nv-verbose" FLASHMLP_OVERRIDES="$ov" run --weights $w
  for r in 32 64 96; do
    echo "-- maxrregcount=$r"
    FLASHMLP_BUILD_OPTIONS="-cl-nv-verbose -cl-nv-maxrregcount=$r" FLASHMLP_OVERRIDES="$ov" run --weights $w
  done
done
