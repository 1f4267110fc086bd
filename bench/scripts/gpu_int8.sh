#!/bin/bash
# On the GPU machine, with a build in $1: the stream kernel's integer dot products
# (--precision int8) against the exact block loops, Llama-3-8B SwiGLU, B=1 and B=16.
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  echo "-- $label $ov"
  FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 20 --check-rows 1 --profile 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_|flashmlp:" | cut -c1-120
}
run f32 "" --batch 1,16
for w in q4_0 q8_0 affine_q2 affine_q4 affine_q8; do
  run "$w exact" "" --weights $w --batch 1,16
  for s in "wgs=256 kl=32 ti=64 bt=1 xc=1024" "wgs=256 kl=32 ti=32 bt=1 xc=4096" \
           "wgs=128 kl=32 ti=32 bt=1 xc=4096" "wgs=256 kl=16 ti=32 bt=1 xc=4096"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 1
  done
  for s in "wgs=256 kl=32 ti=32 bt=16 xc=1024" "wgs=256 kl=32 ti=64 bt=16 xc=512" \
           "wgs=128 kl=32 ti=32 bt=8 xc=1024"; do
    run "$w int8" "strategy=stream $s" --weights $w --precision int8 --batch 16
  done
done
