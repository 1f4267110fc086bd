#!/bin/bash
# Thirty-seventh session, third call (H200): tuning/nvidia-h200.db with bench/scripts/s37-final.db
# spliced in, through the lookup (no overrides), at the cells it changed; every weight format
# with fp32 x beside fp32 weights in the same process, for issue 5's "no format slower than fp32"
# on these shapes. Then candidates for two cells the file left: Gemma-2B at B=80-128 and the
# shard at 33-64 (level with hp in s37-b), Q1 (Qwen's 33-64 tile) and G (GPT-2's 16-split tile).
# Prediction: fp32 within 3% of s37-a/b's override times (ReLU 128 ~565, 4096 ~16.2 ms; Qwen 128
# ~982, 4096 ~25.5 ms; Gemma 64 ~333, 4096 ~13.1 ms; shard 128 ~430, 4096 ~11.3 ms). The block
# formats take shape-less tiles on these shapes (nvidia-h200.db:552-560) and will fall below the
# new fp32 times in some cells, most likely at 4096 and Gemma's 48-64; Q1/G 1.0-1.2x at the two cells.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
W="f32,f16,bf16,q8_0,q4_0,affine_q3,affine_q4"
a="--budget 0.1 --reps 5"
RT=200 R relu "" --shapes llama3-8b --ops relu --batch 80,128,160,256,300,512,1024,2048,4096 --weights f32 $a
RT=200 R qwen "" --shapes qwen2.5-7b --batch 80,128,160,256,4096 --weights $W $a
RT=200 R gemma "" --shapes gemma-2b --batch 48,64,160,256,4096 --weights $W $a
RT=200 R shard "" --shapes llama3-70b-tp8 --batch 80,128,4096 --weights $W $a
T round1
Q1="strategy=mma mt=64 nt=32 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=0 dorder=0 iw=0 hp=1"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
for r in 1 2; do
  R old-gemma-r$r "" --shapes gemma-2b --batch 80,128 --weights f32 $a
  R Q1-gemma-r$r "$Q1" --shapes gemma-2b --batch 80,128 --weights f32 $a
  R G-gemma-r$r "$G" --shapes gemma-2b --batch 80,128 --weights f32 $a
  R old-shard-r$r "" --shapes llama3-70b-tp8 --batch 48,64 --weights f32 $a
  R Q1-shard-r$r "$Q1" --shapes llama3-70b-tp8 --batch 48,64 --weights f32 $a
  R G-shard-r$r "$G" --shapes llama3-70b-tp8 --batch 48,64 --weights f32 $a
done
T round2
R relu2 "" --shapes llama3-8b --ops relu --batch 128,512,4096 --weights f32 $a
R fp32b "" --shapes qwen2.5-7b,gemma-2b,llama3-70b-tp8 --batch 64,128,4096 --weights f32 $a
T end
cat $o/times.txt
gpu_summary
