#!/bin/bash
# Twenty-third session, call 2 (H200). Call 1 (h200-s23-tune) tuned 32-row mmav tiles: fp32 with
# na=2 ku=2 dku=2 (F: 267/270/280 us at B = 17/24/32, 1.09x over the shipped plan) and exact
# affine_q3 (Q: dwg=4 dkw=4 dfb=4 dku=4 ku=1 splits=4; 256/271/290, 1.09-1.13x), which leaves
# affine_q3 at 0.97x of fp32 at 32, and would leave the other exact formats on their 32-row D
# tiles (q8_0 303-320, affine_q2/q4/q8 261-289) level with or behind F at 24-32.
# (1) A/B: commit c66b71b loads a lane's eight AFFINE_Q3 fields of a block as one pair (one or
#     two words, one funnel shift) where four loads went before; the old build (BO, 5a1a338) in
#     the same call, plan Q. (2) Q and D for every exact block format on the new build, F and
#     the shipped plans. Llama-3-8B, B = 17, 24, 32, two rounds.
# Prediction: (1) affine_q3 on Q 2-5% faster (290 -> 275-285 us at B=32), now level with or
#     ahead of F; (2) Q 1.05-1.12x over D for the other formats (q8_0 ~290, affine_q2/q4/q8
#     255-270 at 32), so every exact format at or ahead of F.
o=$1; b=${BUILD:-/tmp/bf}; bo=${BUILD_OLD:-/tmp/bo}
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
  b=$bo R q-old-r$r "$Q" $L --weights affine_q3
done
grep -h 'n/a\|FAIL\|error' $o/*-r1.log | head -8
gpu_summary
