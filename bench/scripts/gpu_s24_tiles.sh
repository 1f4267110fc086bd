#!/bin/bash
# Twenty-fourth session, call 6 (H200). Call 5 (s24-fmt): hp=1 on the formats' own tiles gave
# 1.10-1.16x at B = 1024-4096 and mixed results at 64-256 (those tiles were tuned for tf32's
# balance); the exact block formats stay 0.84-0.98x of fp32 at 64-256 and 4096. Here every
# exact format on fp32's hp tiles of each batch range (iw=1 for the block formats, which f16 and
# bf16 ignore), B = 64, 128, 256, 1024, 4096, fp32 alongside.
# Prediction: the block formats level with fp32 or up to 1.15x ahead (two f16 products where
# fp32 takes three, fewer bytes); f16 ahead, bf16 level (three products, like fp32).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
M="strategy=mma"
RT=100
R t64 "$M mt=64 nt=128 kt=16 wm=1 wn=8 dmt=32 dnt=128 dkt=32 dwm=2 dwn=2 splits=4 na=1 iw=1 hp=1" --shapes llama3-8b --batch 64 --weights $W
R t256 "$M mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 na=2 iw=1 hp=1" --shapes llama3-8b --batch 256 --weights $W
R t128 "$M mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 iw=1 hp=1" --shapes llama3-8b --batch 128 --weights $W
R t4096 "$M mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 iw=1 hp=1" --shapes llama3-8b --batch 4096 --weights $W
R t1024 "$M mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1 iw=1 hp=1" --shapes llama3-8b --batch 1024 --weights $W
gpu_summary
