#!/bin/bash
# Thirty-sixth session, call h (H200). Call g, through the lookup: GPT-2's fp32 weights on G from
# B=64 (40.9 us at 64, 49.9 at 80) left its block formats, on their own B = 33-80 entries, at
# 0.70-0.86x of fp32 weights there (55-67 us); on G they ran 44.5-46.8 us at 100.
# GPT-2 at B = 40, 48, 64, 80: fp32 and the six block formats, shipped against G (override).
# Prediction: the block formats 1.2-1.4x faster on G at 64-80 and 1.05-1.15x ahead of fp32 on G;
# at 40-48 G level with or slower than the stream kernel for fp32.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
for r in 1 2; do
  R old-r$r "" --shapes gpt2 --batch 40,48,64,80 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
  R G-r$r "$G" --shapes gpt2 --batch 40,48,64,80 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
done
T done
cat $o/times.txt
gpu_summary
