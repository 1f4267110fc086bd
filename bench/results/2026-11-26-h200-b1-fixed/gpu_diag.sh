#!/bin/bash
# On the GPU machine, with a build in $1: where the stream kernel's fixed time goes at B=1.
# FMLP_DIAG (a temporary patch of cl/mlp_stream.cl, not in the library): 1 skips phase 1's
# weight loop, 2 phase 2's, 4 the x staging (and quantization), 8 the partial-sum stores,
# 16 returns at once.
b=$1
run() { # label, diag, then flashmlp run arguments
  local label=$1 d=$2
  shift 2
  printf "%-12s diag=%-2s " "$label" "$d"
  FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS="-DFMLP_DIAG=$d" \
    $b/flashmlp run "$@" --reps 20 --check-rows 1 --profile 2>&1 |
    grep -E "fmlp_[a-z_]+ +[0-9]" | awk '{printf "%s %s  ", $1, $2} END {print ""}'
}
for d in 0 1 2 3 7 11 15 16; do
  run f32 $d --batch 1
  run f16 $d --batch 1 --weights f16
  run q4_0 $d --batch 1 --weights q4_0
  run q4_0+int8 $d --batch 1 --weights q4_0 --precision int8
done
