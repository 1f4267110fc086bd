#!/bin/bash
# Thirty-ninth session, sixth call (one H200): s39-e's Qwen2.5-7B entries through the file at 256,
# and QT / Q2 on the neighbouring batches 160 and 384 against the file.
# Prediction: the entries within 3% of s39-e; QT/Q2 1.0-1.2x at 384 (the 128-row tiles), 0.9-1.05x
# at 160 (three batch tiles of 64 against two of 128: padding).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
QT="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
Q2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1"
c="--budget 0.08 --reps 5"
Q="--shapes qwen2.5-7b $c"
W="q8_0,affine_q2,affine_q3,affine_q4,affine_q8"
R qwen-file "" $Q --batch 160,256,384 --weights f32,$W
R qwen-QT "$QT" $Q --batch 160,384 --weights $W
R qwen-Q2 "$Q2" $Q --batch 160,384 --weights $W
T end
gpu_summary > $o/summary.txt
grep -v '^NVIDIA' $o/summary.txt
