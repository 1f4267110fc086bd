#!/bin/bash
# On the GPU machine, with a build in $1: B=1 stream kernel + split reduction for fp32, the
# 16-bit and int8 formats: the reduction's shape (re outputs x rg groups a work-group) and
# slices of 64 units (half the partial sums) against the shipped tiles; per-kernel times.
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  printf "%-10s %-62s " "$label" "$ov"
  FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 20 --check-rows 1 --profile 2>&1 |
    grep -E "fmlp_[a-z_]+ +[0-9]|FAIL" | awk '{printf "%s %s  ", $1, $2; s += $2} END {printf "sum %.1f\n", s}'
}
for w in f32 f16 bf16 q8_0+int8 q4_0+int8 affine_q2+int8; do
  fmt=${w%+int8}; pr=exact; [ $fmt != $w ] && pr=int8
  case $fmt in
    f32) base="wgs=256 kl=16 ti=32 bt=1 vw=4 xc=4096"; alt="wgs=512 kl=16 ti=64 bt=1 vw=4 xc=4096"; alt2="wgs=256 kl=16 ti=64 bt=1 vw=4 xc=4096";;
    f16|bf16) base="wgs=256 kl=16 ti=32 bt=1 vw=8 xc=4096"; alt="wgs=512 kl=16 ti=64 bt=1 vw=8 xc=4096"; alt2="wgs=256 kl=16 ti=64 bt=1 vw=8 xc=4096";;
    *) base="wgs=256 kl=16 ti=32 bt=1 xc=4096"; alt="wgs=512 kl=16 ti=64 bt=1 xc=4096"; alt2="wgs=256 kl=16 ti=64 bt=1 xc=2048";;
  esac
  for s in "$base" "$alt" "$alt2"; do
    for r in "re=32 rg=8" "re=16 rg=16" "re=8 rg=32" "re=32 rg=32" "re=4 rg=64"; do
      run $w "strategy=stream $s $r" --batch 1 --weights $fmt --precision $pr
    done
  done
done
