#!/bin/bash
# Twenty-second session, call 6. fp32 at B = 17-32 is now 290-303 us (call 5: mmav, 32 rows in
# both kernels), which leaves exact q8_0 (its sm_90 16-row tile with wl=1: 309/322 us at 24/32)
# and exact affine_q3 (291/303/319 at 17/24/32) behind it. Tiles of 32 rows for q8_0 without wl
# (the affine tile, D), with more splits, with the down kernel's 32 rows (dfb=4); for affine_q3
# fm=1 and ku=4 forms of D. fp32 as shipped in the run. Llama-3-8B, B = 17, 24, 32, two rounds.
# Prediction: q8_0 on D 270-300 us (like affine_q8's 268-287), at or below fp32; affine_q3
# level with D (decode-bound: 1.0-1.03x), so still 0.95-1.0x of fp32 at 24-32.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
D="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
D4="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=0"
DD="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=0 splits=2 iw=1 wl=0"
E1="strategy=mmav wg=4 kw=4 fm=1 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=0"
E2="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
X="--shapes llama3-8b --batch 17,24,32"
for r in 1 2; do
  R ship-r$r "" $X --weights f32,q8_0,affine_q3
  R d-r$r "$D" $X --weights q8_0
  R d4-r$r "$D4" $X --weights q8_0
  R dd-r$r "$DD" $X --weights q8_0
  R e1-r$r "$E1" $X --weights affine_q3
  R e2-r$r "$E2" $X --weights affine_q3
done
grep -h 'n/a' $o/*-r1.log | head -8
gpu_summary
