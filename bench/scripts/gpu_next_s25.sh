#!/bin/bash
# For the next session (written in the twenty-fourth, not run: its device time was spent;
# apply bench/scripts/next/s25-f16x2-pack.patch first, build the commit before it as $bo).
# The fp16 conversions at staging as cvt.rn.f16x2.f32
# (two values an instruction; the values exact in f16, the block formats' fields and f16
# weights, converted without the lo half's three steps). The old build ($bo) and the new one
# ($b), alternating, exact formats on their shipped hp entries, B = 128 and 4096; every row
# of the benchmark checked against the reference.
# Prediction: block formats and f16 2-6% faster, fp32 0-2%; every check ok.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,q8_0,affine_q8"
RT=60
b=$bo R old-r1 "" --shapes llama3-8b --batch 128,4096 --weights $W
R new-r1 "" --shapes llama3-8b --batch 128,4096 --weights $W
gpu_summary
# (2) next: the exact block formats' own hp tiles, the cells where they trail fp32 since the
# twenty-fourth session (0.84-0.98x at B = 64-256 and 4096). flashmlp-tune with hp in mma's
# space, seeded with their shipped tiles with hp=1 and fp32's hp tiles with iw=1.
# Prediction: 1.05-1.2x over their entries, enough to pass fp32 at 128-256 and 4096, not at 64.
mkdir -p $o/ovl
for wt in q8_0 q4_0 affine_q4 affine_q8; do
  for bb in 64 256; do
    timeout -s INT 100 $b/flashmlp-tune --shape 4096x14336 --total-budget 60 --batch $bb \
      --weights $wt --strategies mma --out $o/ovl/$wt-b$bb.db \
      --try "strategy=mma mt=64 nt=128 kt=16 wm=1 wn=8 dmt=32 dnt=128 dkt=32 dwm=2 dwn=2 splits=4 iw=1 hp=1" \
      --try "strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
      > $o/tune-$wt-b$bb.log 2>&1
  done
done
gpu_summary
