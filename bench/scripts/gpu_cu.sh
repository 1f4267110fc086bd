#!/bin/bash
# On the GPU machine, with a build in $1: the stream kernel's phase 2 for the block formats
# with cu columns loaded together, exact and int8, B=1 (kernel times: --profile).
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  echo "-- $label $ov"
  FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 20 --check-rows 1 --profile 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_|flashmlp:" | sed 's/ (batch.*//' | cut -c1-150
}
run f32 "" --batch 1
for w in q4_0 q8_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  for s in "wgs=256 kl=16 ti=32 bt=1 xc=4096 cu=1" "wgs=256 kl=16 ti=32 bt=1 xc=4096 cu=4" \
           "wgs=256 kl=16 ti=32 bt=1 xc=4096 cu=8" "wgs=256 kl=32 ti=64 bt=1 xc=1024 cu=4" \
           "wgs=128 kl=16 ti=32 bt=1 xc=4096 cu=8"; do
    run "$w exact" "strategy=stream $s" --weights $w --batch 1
    [ $w = affine_q3 ] || run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 1
  done
done
