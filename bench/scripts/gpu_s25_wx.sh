#!/bin/bash
# Twenty-fifth session, call 2 (H200). Call 1 (s25-ab): the cheaper staging gained only
# 1.00-1.05x, and bf16 as one f16 1.16-1.17x over its old hp=1, still behind its hp=0 entry:
# staging is not what bounds these kernels. Count for fp32's B=256 tile (warp 16 x 56, two
# matrices): per k16 step a warp issues 42 mma (3 per product; 0.59 a clock per SM, so 71
# SM clocks) and 16 ld.shared.v4 (8 KB; at 128 B a clock, 64 clocks): the two pipes are level.
# With one f16 per weight the mma fall to 28 (47 clocks) but the weights still came as uint4
# with a zero lo half: 64 clocks of local reads, so they could not gain. Now the weights
# that are one f16 each (f16, bf16, iw's fields) are staged as uint2 (half the local bytes and
# reads, bank-swizzled for 64-bit accesses: HP_SWZ2). Old build ($bo, 22e901b) against new,
# shipped entries, then the tuner on the new build at B=256 (call 1's q4_0/affine_q4 winner
# mt=128 nt=64 among the seeds).
# Prediction: f16, bf16 and the block formats 1.15-1.3x faster at 256 and 4096 (local reads no
# longer the bound: mma at 47 of fp32's 71 clocks), fp32 unchanged (1.00x); the block formats
# and f16 ahead of fp32 at 256 and 4096 after it; every check ok.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q4,affine_q8"
L="--shapes llama3-8b --batch 256,4096 --weights $W"
RT=100
b=$bo R old-r1 "" $L
R new-r1 "" $L
RT=60
T128="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1"
R new-t128 "$T128" --shapes llama3-8b --batch 256 --weights f16,bf16,q8_0,q4_0,affine_q4,affine_q8
R new-bfhp "hp=1" --shapes llama3-8b --batch 128,256 --weights bf16
gpu_summary
mkdir -p $o/ovl
for wt in q8_0 q4_0 affine_q4 bf16 f16; do
  timeout -s INT 75 $b/flashmlp-tune --shape 4096x14336 --total-budget 42 --batch 256 \
    --weights $wt --strategies mma --out $o/ovl/$wt-b256.db \
    --try "$T128" \
    --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 iw=1 hp=1" \
    --try "strategy=mma mt=128 nt=128 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    > $o/tune-$wt-b256.log 2>&1
  echo "$wt b256: shipped$(grep -h "shipped databases choose" -A1 $o/tune-$wt-b256.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-$wt-b256.log | tail -1 | grep -o "best [0-9.]* ms")"
done
