#!/bin/bash
# Twenty-fifth session, call 4 (H200): the record of issue 5's "no format slower than fp32":
# every format and fp32 on the shipped entries (with the s25-sweep cells' new entries),
# Llama-3-8B SwiGLU, B = 1, 16, 64, 128, 256, 512, 1024, 4096, every row checked against the
# reference; then, in the same call, the plans those new entries replaced and the alternatives
# they were chosen over, on the cells they cover.
# Prediction: every format at or ahead of fp32 at every batch except possibly affine_q3 at
# 256/4096 (0.90-0.95x in s25-sweep) and cells within 2% (noise); the new entries 1.1-1.2x over
# the plans they replaced (q8_0 at 64; the affine formats and bf16 at 128).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=420 R record "" --shapes llama3-8b --batch 1,16,64,128,256,512,1024,4096 --weights $W
RT=60
L="--shapes llama3-8b"
R q8-64-old "strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=32 dwm=2 dwn=2 splits=8 order=1 dorder=0 iw=1 hp=1" $L --batch 64 --weights q8_0
R aff-128-old "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 iw=1 hp=1" $L --batch 128 --weights affine_q3,affine_q4,affine_q8
R aff-128-nt56 "strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 iw=1 hp=1" $L --batch 128 --weights affine_q2,affine_q3,affine_q4,affine_q8
R q3-256-a128 "strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 iw=1 na=2 hp=1" $L --batch 256,512 --weights affine_q3
R bf-128-old "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=32 dwm=2 dwn=2 splits=8" $L --batch 128 --weights bf16
gpu_summary
