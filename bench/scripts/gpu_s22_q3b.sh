#!/bin/bash
# Twenty-second session, call 3. (1) Exact affine_q3 at B = 24/32 on mmav tiles of 32 rows
# (fb=4): call 2's V4 (fb=4 dfb=4 on the shipped tile's shape) was refused at plan creation on
# the card (1009, not seen on PoCL with emu=1); shapes with less local memory a work-group:
#   A: kw=1 dkw=1 (no local staging), fm=2; B: wg=2 kw=2 dwg=4 dkw=4 dfb=2; D: fm=2 fb=4 dfb=2.
# The plan's error is kept in the logs. (2) The new shard entry (ti=32) at B = 5 and 8 with fp32.
# (3) Llama-3-8B exact affine_q3 at B=8 on 448 slices (ti=32) against the entry's 224.
# Prediction: (1) where a tile builds, 1.1-1.3x over the shipped plan at B=32 (the weights
# decoded once for 32 rows), faster than fp32's 358-361 us; (2) call 2's 111.9 us within 3%,
# B=5 below it; (3) level or slower (224 slices already fill the card).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
A="strategy=mmav wg=4 kw=1 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=1 dfb=4 dku=2 dpf=0 splits=2 iw=1 wl=0"
B="strategy=mmav wg=2 kw=2 fm=4 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
D="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
for r in 1 2; do
  R ship-r$r "" --shapes llama3-8b --batch 24,32 --weights f32,affine_q3
  for v in A B D; do R $v-r$r "${!v}" --shapes llama3-8b --batch 24,32 --weights affine_q3; done
done
grep -h 'n/a' $o/[ABD]-r1.log | head -6
R shard-new "" --shapes llama3-70b-tp8 --batch 5,8 --weights f32,affine_q3
T1="strategy=stream wgs=256 kl=16 ti=32 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1"
R llama-b8-ship "" --shapes llama3-8b --batch 8 --weights f32,affine_q3
R llama-b8-t1 "$T1" --shapes llama3-8b --batch 8 --weights affine_q3
gpu_summary
