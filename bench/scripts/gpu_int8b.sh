#!/bin/bash
# On the GPU machine, with a build in $1: the stream kernel with one or two units a thread at
# B=16 and 256 (exact and int8), and B=1 int8 after the run-parallel quantization.
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  echo "-- $label $ov"
  FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 10 --check-rows 1 --profile 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_|flashmlp:" | sed 's/ (batch.*//' | cut -c1-150
}
run f32 "" --batch 1,16,256
for w in q4_0 affine_q2 q8_0 affine_q4; do
  for s in "wgs=256 kl=32 ti=64 bt=1 xc=1024" "wgs=256 kl=16 ti=32 bt=1 xc=4096"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 1
  done
  for s in "wgs=256 kl=8 ti=32 bt=16 xc=1024" "wgs=128 kl=4 ti=32 bt=16 xc=512" \
           "wgs=256 kl=8 ti=64 bt=16 xc=1024" "wgs=256 kl=8 ti=32 bt=8 xc=1024"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 16
    [ $w = q4_0 ] && run "$w exact" "strategy=stream $s" --weights $w --batch 16
  done
  for s in "wgs=256 kl=8 ti=32 bt=32 xc=512" "wgs=256 kl=8 ti=32 bt=16 xc=1024" \
           "wgs=256 kl=4 ti=64 bt=32 xc=256"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 256
    [ $w = q4_0 ] && run "$w exact" "strategy=stream $s" --weights $w --batch 256
  done
done
