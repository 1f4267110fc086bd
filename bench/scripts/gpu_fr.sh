#!/bin/bash
# On the GPU machine, with a build in $1: the stream kernel's fused split reduction (fr) against
# the second kernel. Checks at several batch sizes and formats (every run checks its rows
# against the float64 reference), then B=1 per-kernel times, fr=0 and fr=1 side by side.
b=$1
chk() { # overrides, then flashmlp run arguments
  local ov=$1
  shift
  printf "%-58s %-40s " "$ov" "$*"
  FLASHMLP_OVERRIDES="$ov" timeout 120 $b/flashmlp run "$@" --reps 3 --check-rows 9 2>&1 | tail -1
}
t() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  printf "%-16s %-5s " "$label" "${ov##* }"
  FLASHMLP_OVERRIDES="$ov" timeout 120 $b/flashmlp run "$@" --reps 30 --check-rows 1 --profile 2>&1 |
    grep -E "fmlp_[a-z_]+ +[0-9]|FAIL" | awk '{printf "%s %s  ", $1, $2; s += $2} END {printf "sum %.1f\n", s}'
}
for w in f32 f16 q4_0 affine_q3; do
  chk "strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096 fr=1" --batch 1 --weights $w
  chk "strategy=stream wgs=256 kl=16 ti=32 bt=4 xc=1024 fr=1" --batch 3,9,16 --weights $w --acts bf16
  chk "strategy=stream wgs=128 kl=8 ti=48 bt=2 xc=512 fr=40" --batch 1,5 --weights $w --hidden 1000 --intermediate 1504
done
chk "strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096 fr=1" --batch 1 --weights q4_0 --precision int8
chk "strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096 fr=1 ch=3" --batch 7 --weights f32
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8 q8_0+int8 q4_0+int8 affine_q2+int8 affine_q4+int8; do
  fmt=${w%+int8}; pr=exact; [ $fmt != $w ] && pr=int8
  base=$(FLASHMLP_CACHE=1 $b/flashmlp run --batch 1 --weights $fmt --precision $pr --reps 1 --check-rows 1 2>&1 | grep -o "strategy=stream[^(]*" | head -1 | sed "s/ fr=[0-9]*//; s/ *$//")
  t "$w" "$base fr=0" --batch 1 --weights $fmt --precision $pr
  t "$w" "$base fr=1" --batch 1 --weights $fmt --precision $pr
done
