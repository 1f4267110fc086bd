#!/bin/bash
# Fifth session's GPU call, with a build in $BUILD (default /tmp/bf), from the source root:
# register use of the mma gate/up kernel for the plain (ReLU) MLP's tiles and SwiGLU's (ptxas
# through -cl-nv-verbose), the ReLU tile with order=1, then the burst-timed fp32 benchmark of
# bench/results/2026-11-26-h200-burst/command.sh (SwiGLU and ReLU, B=1-4096, CLBlast and
# PyTorch in the same call). $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
R="--plain --act relu"; S="--act silu"
regs() { echo "== $1 | $2"; FLASHMLP_OVERRIDES="$2" FLASHMLP_CACHE=0 \
  FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose $b/flashmlp run --batch 256 $1 --reps 1 \
  --check-rows 1 --build-log 2>&1 | grep -E 'entry function|registers|spill' | grep -B1 -A1 mma_gateup; }
{
  regs "$R" "strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1"
  regs "$R" "strategy=mma mt=64 nt=256 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1"
  regs "$R" "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1"
  regs "$S" "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1"
} > $o/regs.txt 2>&1
for ord in 0 1; do echo "== relu order=$ord"; FLASHMLP_OVERRIDES="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=$ord" \
  $b/flashmlp run --batch 4096 $R --profile --reps 3 --check-rows 1 2>&1 | grep -E '^ +[0-9]+ |fmlp_'; done > $o/relu-order.txt 2>&1
BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/command.log 2>&1
cat $o/regs.txt $o/relu-order.txt; cat $o/main-table.md
