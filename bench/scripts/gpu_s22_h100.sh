#!/bin/bash
# Twenty-second session, call 7 (H100): the H200's new B = 17-32 tiles of 32 rows (fp32: mmav
# fb=4 dfb=4; exact affine and q8_0: mmav fb=4 fm=2 without wl) against the H100's shipped
# plans, Llama-3-8B, B = 24 and 32, two rounds.
# Prediction: the same direction as on the H200 (1.1-1.25x), the H100's lower bandwidth making
# the single pass over the weights worth a little more.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
F4="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=1 dpf=1 splits=4 iw=0 wl=0"
D="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
X="--shapes llama3-8b --batch 24,32"
for r in 1 2; do
  R ship-r$r "" $X --weights f32,q8_0,affine_q3,affine_q8
  R f4-r$r "$F4" $X --weights f32
  R d-r$r "$D" $X --weights q8_0,affine_q3,affine_q8
done
grep -h 'n/a' $o/*-r1.log | head -4
gpu_summary
