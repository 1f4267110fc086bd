#!/bin/bash
# Twenty-fifth session, call 6 (H200): the kernel of 10e06db again (s25-zsum: the zero-point sums
# from staging were 0.98-1.01x, reverted). affine_q3, the format furthest behind fp32 (0.91-0.92x
# at B=256, 0.93-0.95x at 4096 in s25-record and s25-zsum), and affine_q4 at 256 (0.96-0.98x):
# flashmlp-tune 45 s each, the shipped choice timed in the same run.
# Prediction: affine_q3 1.03-1.08x over its entries (not enough to pass fp32 at 256), affine_q4
# 1.0-1.05x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
for c in affine_q3:256 affine_q3:4096 affine_q4:256; do
  wt=${c%:*}; bb=${c#*:}
  timeout -s INT 70 $b/flashmlp-tune --shape 4096x14336 --total-budget 45 --batch $bb \
    --weights $wt --strategies mma --out $o/ovl/$wt-b$bb.db \
    --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 iw=1 hp=1" \
    --try "strategy=mma mt=128 nt=64 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 iw=1 hp=1" \
    > $o/tune-$wt-b$bb.log 2>&1
  echo "$wt b$bb: shipped$(grep -h "shipped databases choose" -A1 $o/tune-$wt-b$bb.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-$wt-b$bb.log | tail -1 | grep -o "best [0-9.]* ms")"
done
