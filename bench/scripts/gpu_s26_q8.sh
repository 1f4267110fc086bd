#!/bin/bash
# Twenty-sixth session, call 5 (H200): s26-record had q8_0 at B=256/512 at 1492.7/2964.6 us
# against s25-record's 1375.7/2693.0 on the same entry (mt64 nt64 wm4 wn2: one fragment row a
# warp, so HP_SCE's sixteen early scale registers live through a short mma section), and f16
# (mt64 nt112, one fragment row) 1.3% slower. The HP_SCE build against -DHP_SCE=0 on those
# cells, and q8_0 on q4_0's tile (mt128 nt64 wm4 wn2), two rounds.
# Prediction (written before the call): HP_SCE=0 gives q8_0 back its 1.37-1.38 / 2.69-2.70 ms,
# f16 level; q8_0 on q4_0's tile 1.36-1.40 ms at 256 with HP_SCE.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
L="--shapes llama3-8b --batch 256,512"
T="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=1 hp=1 emu=0"
RT=100
for r in 1 2; do
  R sce1-$r "" $L --weights q8_0,f16
  FLASHMLP_BUILD_OPTIONS=-DHP_SCE=0 R sce0-$r "" $L --weights q8_0,f16
  R tile-$r "$T" $L --weights q8_0
  FLASHMLP_BUILD_OPTIONS=-DHP_SCE=0 R tile0-$r "$T" $L --weights q8_0
done
gpu_summary
