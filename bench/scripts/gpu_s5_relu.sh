#!/bin/bash
# On the GPU machine, with a build in $1 and results to $2: the plain (ReLU) MLP's gate/up
# kernel at B=256 and 4096 with its database tile and others (per-kernel profile), and the
# register use of the database tiles (ptxas through -cl-nv-verbose).
b=$1; o=$2
run() { echo "== $1 | $2"; FLASHMLP_OVERRIDES="$2" $b/flashmlp run --batch $3 $1 --profile \
  --reps 3 --check-rows 1 2>&1 | grep -E '^ +[0-9]+ |fmlp_|fail|rror'; }
R="--plain --act relu"; S="--act silu"
for B in 256 4096; do
  run "$R" "" $B
  run "$R" "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1" $B
  run "$R" "strategy=mma mt=64 nt=256 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1" $B
  run "$R" "strategy=mma mt=128 nt=128 kt=16 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1" $B
  run "$R" "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1" $B
  run "$S" "" $B
done > $o/relu.txt
for op in "$R" "$S"; do
  echo "== $op"; FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose $b/flashmlp run \
    --batch 4096 $op --reps 1 --check-rows 1 --build-log 2>&1 | grep -iE 'registers|spill|Compiling|Function properties' | head -20
done > $o/regs.txt
cat $o/relu.txt
