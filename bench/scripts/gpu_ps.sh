#!/bin/bash
# On the GPU machine, with a build in $1: mma with the weights split at staging (ps=1) against
# the databases' entries, fp32 gated and plain, B=256 and 4096.
# (ps was removed again after this run measured it: bench/PERFLOG.md; the script stays as the
# record of the experiment and runs only on the tree of commit "mma strategy: ps=1 ...")
b=$1
run() { local ov=$1; shift; echo "-- $* $ov"; FLASHMLP_OVERRIDES="$ov" $b/flashmlp run "$@" --reps 5 --check-rows 1 --profile 2>&1 | grep -E "^ +[0-9]+ |fmlp_[a-z_]+ +[0-9]" | sed 's/ (batch.*//' | cut -c1-130; }
run "" --batch 256,4096
run "" --batch 4096 --plain --act relu
for s in "mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=16 dwm=2 dwn=4" \
         "mt=64 nt=128 kt=16 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4" \
         "mt=128 nt=64 kt=16 wm=4 wn=2 dmt=128 dnt=128 dkt=8 dwm=2 dwn=4" \
         "mt=64 nt=128 kt=8 wm=2 wn=4 dmt=128 dnt=256 dkt=8 dwm=2 dwn=4"; do
  run "strategy=mma $s splits=1 ps=1" --batch 4096
  run "strategy=mma $s splits=1 ps=0" --batch 4096
done
run "strategy=mma mt=128 nt=128 kt=16 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 ps=1" --batch 4096 --plain --act relu
run "strategy=mma mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 ps=1" --batch 256
