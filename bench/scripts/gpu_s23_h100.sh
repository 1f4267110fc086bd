#!/bin/bash
# Twenty-third session, call 4 (H100). The H200's new B = 17-32 tiles on the H100: fp32's F
# (na=2, ku=2 dku=2) and the exact block formats' Q (dwg=4 dkw=4 dfb=4 dku=4 ku=1 splits=4,
# with c66b71b's paired AFFINE_Q3 loads), against what nvidia-h100.db and nvidia-sm_90.db ship
# (fp32, q8_0, affine_q3 and affine_q8 on the twenty-second session's 32-row tiles; the others
# on 16-row tiles), Llama-3-8B, B = 17, 24, 32, two rounds.
# Prediction: F 1.03-1.09x over the H100's fp32 entry; Q 1.05-1.2x over each format's entry,
# and every exact format ahead of F.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
F="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=0 wl=0 na=2"
Q="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 splits=4 iw=1 wl=0 na=0"
L="--shapes llama3-8b --batch 17,24,32"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
for r in 1 2; do
  R ship-r$r "" $L --weights f32,$W
  R f-r$r "$F" $L --weights f32
  R q-r$r "$Q" $L --weights $W
done
grep -h 'n/a\|FAIL' $o/*-r1.log | head -8
gpu_summary
