#!/bin/bash
# On the GPU machine, with a build in $1: the int8 stream kernel's register use (ptxas via
# -cl-nv-verbose) and times at B=1, 16, 256 after loading each batch row's inputs once a run.
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  echo "-- $label $ov"
  FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose FLASHMLP_OVERRIDES="$ov" \
    $b/flashmlp run "$@" --reps 10 --check-rows 1 --profile --build-log 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_[a-z_]+ +[0-9]|flashmlp:|Used [0-9]+ registers|spill" |
    grep -v "fmlp_reduce\|0 bytes spill" | sed 's/ (batch.*//' | cut -c1-150
}
run f32 "" --batch 16
for w in q4_0 affine_q2; do
  run "$w int8" "strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096" --weights $w --precision int8 --batch 1
  for s in "wgs=256 kl=8 ti=64 bt=16 xc=1024" "wgs=256 kl=8 ti=32 bt=16 xc=1024" \
           "wgs=128 kl=4 ti=64 bt=16 xc=512" "wgs=256 kl=8 ti=64 bt=8 xc=1024"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 16
  done
  for s in "wgs=256 kl=8 ti=32 bt=32 xc=512" "wgs=256 kl=8 ti=64 bt=16 xc=1024"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 256
  done
done
