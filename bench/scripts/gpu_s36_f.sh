#!/bin/bash
# Thirty-sixth session, call f (H200). Call e: F2 lifts Gemma's block formats 1.15-1.37x and the
# shard's 1.09-1.29x at 600-2048, yet against fp32 weights on TB they stay 0.90-0.99x at
# 1024-2048 (and the shard's affine_q3 0.92x at 600), as Llama's do; the tune of Llama's
# affine_q3 at 1024 found T3 (mt=128 nt=64 kt=32 wm=4 wn=2, dmt=128 dnt=128 dkt=32 dwm=4 dwn=2,
# splits=1 na=0 hp=1 se=1, iw=1): 5.06 against 6.09 ms. GPT-2's fp32 weights on G: 1.30-1.56x at
# 100-256, 0.94x at 300.
# (1) The six block formats on T3 at B = 600, 1024, 2048 on all four large shapes, with fp32
#     weights on TB in the same process.
# (2) GPT-2's fp32 weights at B = 64, 80 and 96 on G against shipped.
# Prediction: (1) T3 1.10-1.20x over the shipped/F2 rows of calls d-e at 1024-2048, every block
# format then at 1.00-1.10x of fp32's TB; at 600 0.85-0.95x of F2 (768 rows for 600). (2) G
# 1.2-1.5x at 80-96, level at 64.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
for s in llama3-8b qwen2.5-7b gemma-2b llama3-70b-tp8; do
  RT=100 R $s-T3 "$T3" --shapes $s --batch 600,1024,2048 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 3
  RT=60 R $s-TB "$TB" --shapes $s --batch 600,1024,2048 --weights f32 --budget 0.1 --reps 3
  T $s
done
for r in 1 2; do
  R gpt2-f32-old-r$r "" --shapes gpt2 --batch 64,80,96 --weights f32 --budget 0.1 --reps 5
  R gpt2-f32-G-r$r "$G" --shapes gpt2 --batch 64,80,96 --weights f32 --budget 0.1 --reps 5
done
T gpt2
cat $o/times.txt
gpu_summary
