#!/bin/bash
# Thirty-ninth session, fourth call (one H200).
# 1. The ReLU MLP's other formats (and fp32) at 300/512 on s39-b's 128x112 tile (RQ3) against the
#    file, and fp32 on it at 256.
# 2. The 70B shard's block formats at 80 on SQ (G's tile, iw=1, one split) against the file's H2i.
# 3. A tune of the shard's exact affine_q3 at 128 (0.93x of fp32 on SQ).
# 4. A survey through the file: Qwen2.5-7B and Gemma-2B at 128 and 256, and the shard at 256, fp32
#    and the eight other formats, to find the cells behind fp32 weights there.
# Prediction: 1. RQ3 1.05-1.25x for the formats at 300/512, fp32 on it 0.9-1.1x; 2. SQ 1.0-1.1x;
# 3. 1.03-1.10x; 4. most formats ahead of fp32, a few cells at 0.90-1.00x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
RQ3="strategy=mma mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=0 hp=1 se=0"
SQ="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
c="--budget 0.1 --reps 5"
F8="f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
P="--shapes llama3-8b --ops relu $c"
R relu-file "" $P --batch 300,512 --weights f32,$F8
R relu-RQ3 "$RQ3" $P --batch 300,512 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q4,affine_q8
R relu-f32-256 "$RQ3" $P --batch 256 --weights f32
T relu
S="--shapes llama3-70b-tp8 $c"
R shard-file80 "" $S --batch 80 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
R shard-SQ80 "$SQ" $S --batch 80 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
T shard
timeout -s INT -k 20 110 $b/flashmlp-tune --shape 8192x3584 --weights affine_q3 --batch 128 \
  --strategies mma --budget 90 --out $o/shard-q3.db > $o/shard-q3.log 2>&1
T tune
R survey-qwen "" --shapes qwen2.5-7b --batch 128,256 --weights f32,$F8 $c
R survey-gemma "" --shapes gemma-2b --batch 128,256 --weights f32,$F8 $c
R survey-shard "" $S --batch 256 --weights f32,$F8
T end
gpu_summary > $o/summary.txt
grep -v '^NVIDIA' $o/summary.txt
grep '^# B=\|^entry' $o/shard-q3.db
