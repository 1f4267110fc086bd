#!/bin/bash
# Twenty-second session, call 4. Call 3 found exact affine_q3 at B = 24/32 1.20x faster on an
# mmav tile of 32 rows (fb=4: the weights read and decoded once where the shipped 16-row tile,
# fb=2, went over them twice): 304/318 us against 374/386, and fp32's 359/363. The same for the
# other formats whose B = 17-32 plans are 16-row mmav tiles, each its entry's shape with fb=4
# (fm halved where local memory needs it), and fp32 (its entry is an mma tile of 32 rows, 360 us)
# on mmav with fb=4 from its B = 9-16 entry. Llama-3-8B, B = 24 and 32, two rounds, the shipped
# plans in each.
# Prediction: the block formats 1.1-1.3x at B=32 (q4_0 274 -> 210-250 us), 1.05-1.2x at 24;
# f16/bf16 1.05-1.25x; fp32 on mmav 240-300 us against the mma tile's 360 (the 16-row mmav
# tile's 200 us at B=16 with the tensor cores' work doubled).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
D="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
Q="strategy=mmav wg=4 kw=4 fm=2 fb=4 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1"
F="strategy=mmav wg=2 kw=2 fm=1 fb=4 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0"
F2="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0"
H="strategy=mmav wg=2 kw=2 fm=4 fb=4 ku=2 pf=0 dwg=8 dkw=4 dfb=2 dku=2 dpf=0 splits=4 iw=0 wl=0"
BB="strategy=mmav wg=2 kw=2 fm=4 fb=4 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=0 wl=0"
X="--shapes llama3-8b --batch 24,32"
for r in 1 2; do
  R ship-r$r "" $X --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q4,affine_q8
  R D-r$r "$D" $X --weights affine_q2,affine_q4,affine_q8
  R Q-r$r "$Q" $X --weights q8_0,q4_0
  R F-r$r "$F" $X --weights f32
  R F2-r$r "$F2" $X --weights f32
  R H-r$r "$H" $X --weights f16
  R BB-r$r "$BB" $X --weights bf16
done
grep -h 'n/a' $o/*-r1.log | head -8
gpu_summary
