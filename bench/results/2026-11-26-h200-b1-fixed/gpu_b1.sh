#!/bin/bash
# On the GPU machine: B=1 per-kernel times of the shipped stream tiles for every format, with
# two builds: $1 before and $2 after a change (same call, same card).
run() { # build, label, then flashmlp run arguments
  local b=$1 label=$2
  shift 2
  printf "%-16s " "$label"
  $b/flashmlp run "$@" --reps 30 --check-rows 1 --profile 2>&1 |
    grep -E "fmlp_[a-z_]+ +[0-9]|FAIL" | awk '{printf "%s %s  ", $1, $2; s += $2} END {printf "sum %.1f\n", s}'
}
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8 q8_0+int8 q4_0+int8 affine_q2+int8 affine_q4+int8 affine_q8+int8; do
  fmt=${w%+int8}; pr=exact; [ $fmt != $w ] && pr=int8
  run $1 "before $w" --batch 1 --weights $fmt --precision $pr
  run $2 "after  $w" --batch 1 --weights $fmt --precision $pr
done
