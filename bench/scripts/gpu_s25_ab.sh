#!/bin/bash
# Twenty-fifth session, call 1 (H200). The hp staging without conversions where none is needed:
# fp16 conversions two values an instruction (cvt.rn.f16x2.f32); f16 weights' words stored as
# loaded; the block formats' fields built as f16 (0x6400 | field, less 1024 + offset in one
# sub.f16x2 a word) instead of decoded to floats and split; bf16 weights as one f16 each after
# their row scale (two products, not three). Old build ($bo, 344055c) against new ($b),
# alternating, on the shipped entries; bf16 with the key hp=1 too; then the tuner on the new
# build for q4_0 and affine_q4 at B=256, the cells furthest behind fp32 (0.82-0.84x).
# Prediction: block formats and f16 1.05-1.15x faster at 256 and 4096, fp32 1.00-1.02x; bf16
# hp=1 1.25-1.35x over the old hp=1 and ahead of its hp=0 entries; every check ok. The tunes:
# 1.05-1.15x over the entries.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q4,affine_q8"
L="--shapes llama3-8b --batch 256,4096 --weights $W"
RT=100
b=$bo R old-r1 "" $L
R new-r1 "" $L
R new-r2 "" $L
b=$bo R old-r2 "" $L
RT=60
R new-bfhp "hp=1" --shapes llama3-8b --batch 128,256 --weights bf16
b=$bo R old-bfhp "hp=1" --shapes llama3-8b --batch 128,256 --weights bf16
gpu_summary
mkdir -p $o/ovl
for wt in q4_0 affine_q4; do
  timeout -s INT 100 $b/flashmlp-tune --shape 4096x14336 --total-budget 55 --batch 256 \
    --weights $wt --strategies mma --out $o/ovl/$wt-b256.db \
    --try "strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 iw=1 hp=1" \
    --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    > $o/tune-$wt-b256.log 2>&1
  grep -h "shipped databases choose" -A1 $o/tune-$wt-b256.log | tail -1 | grep -o ": [0-9.]* ms" | head -1
  grep -h "best" $o/tune-$wt-b256.log | tail -1 | grep -o "best [0-9.]* ms"
done
