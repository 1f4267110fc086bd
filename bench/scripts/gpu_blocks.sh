#!/bin/bash
# On the GPU machine, with a build in $1: the block formats' stream kernel at B=1.
b=$1
for w in q4_0 q8_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  for s in "wgs=256 kl=16 ti=32 bt=1 xc=4096" "wgs=256 kl=32 ti=64 bt=1 xc=1024"; do
    echo "-- $w $s"
    FLASHMLP_OVERRIDES="strategy=stream $s" $b/flashmlp run --weights $w --batch 1 --reps 20 \
      --check-rows 1 --profile 2>&1 | grep -E "^ +1 |fmlp_|flashmlp:" | cut -c1-110
  done
done
