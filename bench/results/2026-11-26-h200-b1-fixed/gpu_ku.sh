#!/bin/bash
# On the GPU machine, with a build in $1: the stream kernel at B=1 for fp32/fp16/bf16 weights
# with ku (phase-1 steps loaded together), du (phase-2 rows) and pf (first loads issued before
# the x staging and the tile) swept around the shipped tiles.
b=$1
run() { # label, overrides, then flashmlp run arguments
  local label=$1 ov=$2
  shift 2
  printf "%-5s %-58s " "$label" "$ov"
  FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 20 --check-rows 1 --profile 2>&1 |
    grep -E "fmlp_[a-z_]+ +[0-9]|FAIL" | awk '{printf "%s %s  ", $1, $2} END {print ""}'
}
for w in f32 f16 bf16; do
  vw=4; [ $w != f32 ] && vw=8
  for xc in 4096 1024; do
    for pf in 0 1; do
      for kd in "1 1" "2 1" "4 1" "1 2" "1 4" "2 2" "4 4"; do
        set -- $kd
        run $w "strategy=stream wgs=256 kl=16 ti=32 bt=1 vw=$vw xc=$xc ku=$1 du=$2 pf=$pf" --batch 1 --weights $w
      done
    done
  done
done
