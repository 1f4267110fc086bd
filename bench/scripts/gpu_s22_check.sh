#!/bin/bash
# Twenty-second session, call 5: nvidia-h200.db's new B = 17-32 entries (fp32 and the affine
# formats exactly on mmav tiles of 32 rows) as shipped, against the entries they replaced named
# whole (fp32's mma tile, affine_q3's 16-row tile), at B = 17, 24 and 32 (B=17 leaves 15 of the
# 32 rows idle); and for the 32-row tiles the down kernel with 32 rows too (dfb=4, dwg=dkw=4 to
# fit local memory) and twice the splits, for fp32 and affine_q3 (call 4 left affine_q3 at B=32
# 1% behind fp32's new tile: 317.9 against 315.4 us).
# Prediction: shipped at 24/32 as in calls 3-4 (within 3%); at B=17 the new tiles level with or
# up to 10% slower than the old (the old ones ran one 16-row tile plus one nearly empty);
# dfb=4 1-5% faster (down's weights read once), splits x2 within 3%.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
OF="strategy=mma mt=32 nt=64 kt=32 wm=1 wn=4 dmt=32 dnt=128 dkt=32 dwm=1 dwn=4 splits=8 order=0 dorder=1 iw=0"
OQ="strategy=mmav wg=4 kw=2 fm=4 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=0"
F4="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=1 dpf=1 splits=4 iw=0 wl=0"
F8="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=8 iw=0 wl=0"
Q4="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=0 splits=2 iw=1 wl=0"
Q8="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=0"
X="--shapes llama3-8b --batch 17,24,32"
for r in 1 2; do
  R ship-r$r "" $X --weights f32,affine_q2,affine_q3,affine_q4,affine_q8
  R oldf-r$r "$OF" $X --weights f32
  R oldq-r$r "$OQ" $X --weights affine_q3
  R f4-r$r "$F4" $X --weights f32
  R f8-r$r "$F8" $X --weights f32
  R q4-r$r "$Q4" $X --weights affine_q3
  R q8-r$r "$Q8" $X --weights affine_q3
done
grep -h 'n/a' $o/*-r1.log | head -8
gpu_summary
