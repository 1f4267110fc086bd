#!/bin/bash
# Thirty-sixth session, call d (H200). Call c: fp32 weights and x on Llama's B=129-512 tile (TB:
# mt=64 nt=112 kt=32 wm=4 wn=2, dmt=128 dnt=128 dkt=16 dwm=4 dwn=2, splits=2 na=2 hp=1) ran
# 1.19-1.38x faster than the shipped B = 257/513-2048 entries on all four shapes (Llama 1024
# 6982 -> 5431 us). The block formats, on TA-like tiles with iw=1 from 513, would then fall to
# 0.77-0.93x of fp32 weights at 600 and 0.89-1.16x at 1024-2048 on Llama.
# (1) Llama-3-8B (600, 1024, 2048) and Qwen2.5-7B (300, 600, 1024, 2048), fp32 x, every weight
#     format: shipped, F1 (TB with iw=1; for fp32 weights F1 is TB) and F2 (the B=257-320 block
#     format tile: mt=64 nt=112 kt=32 wm=4 wn=2, dmt=64 dnt=128 dkt=32 dwm=4 dwn=4, splits=4
#     na=2 hp=1 se=0, iw=1), as overrides.
# (2) GPT-2's block formats at B = 100-300 on call c's tune of q8_0 at 160 (G: mt=64 nt=32 kt=32
#     wm=4 wn=2, dmt=64 dnt=64 dkt=32 dwm=4 dwn=2, splits=16 iw=1 na=1 hp=1) against shipped.
# Prediction: (1) the block formats 1.05-1.25x faster with F1 or F2 than shipped at 600, 1.0-1.08x
# at 1024-2048; f16/bf16 weights 1.1-1.3x at 600 (their entry tiles 128 rows: 768 for 600); on
# F1/F2 every format at 0.95-1.15x of fp32's TB, affine_q3 about 0.9x. (2) q8_0 1.3-1.7x at 160,
# the other block formats 1.1-1.5x at 100-300.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
F1="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=2 hp=1"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for c in old F1 F2; do
  ov=""; [ $c = F1 ] && ov="$F1"; [ $c = F2 ] && ov="$F2"
  RT=100 R llama-$c "$ov" --shapes llama3-8b --batch 600,1024,2048 --weights $W --budget 0.1 --reps 3
  T llama-$c
  RT=100 R qwen-$c "$ov" --shapes qwen2.5-7b --batch 300,600,1024,2048 --weights $W --budget 0.1 --reps 3
  T qwen-$c
done
for r in 1 2; do
  R gpt2-old-r$r "" --shapes gpt2 --batch 100,160,200,256,300 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
  R gpt2-G-r$r "$G" --shapes gpt2 --batch 100,160,200,256,300 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
done
T gpt2
cat $o/times.txt
gpu_summary
