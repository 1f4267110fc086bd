#!/bin/bash
# Thirty-ninth session, fifth call (one H200).
# 1. Qwen2.5-7B's block formats at B=256, on F2 (64 rows) and 0.95-0.99x of fp32 weights in s39-d
#    (q8_0, affine_q2/q3/q4/q8): the file against four tiles as overrides: QT (Llama-3-8B's
#    affine_q3 tile at 193-256), T3, QA (Qwen fp32's own tile with iw=1) and Q2 (s38-e's
#    affine_q2 tune).
# 2. s39-d's entries through the file: the ReLU MLP's fp32 at 256 against its old tile (the
#    s39-d comparison at 256 crossed calls) and the formats at 300/512; the shard at 80/128.
# Prediction: 1. one of the 128-row tiles 1.03-1.08x for the formats (Llama's took them ahead of
# fp32 at 256), QA level; 2. the entries within 3% of s39-d; ReLU fp32 at 256 1.05-1.10x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
QT="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
QA="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=2 hp=1"
Q2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1"
OLD="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
c="--budget 0.1 --reps 5"
Q="--shapes qwen2.5-7b --batch 256 $c"
W="q8_0,affine_q2,affine_q3,affine_q4,affine_q8"
R qwen-file "" $Q --weights f32,$W,q4_0
for k in QT T3 QA Q2; do R qwen-$k "${!k}" $Q --weights $W; done
T qwen
P="--shapes llama3-8b --ops relu $c"
R relu-file "" $P --batch 256,300,512 --weights f32,f16,bf16,q4_0,affine_q8
R relu-old "$OLD" $P --batch 256 --weights f32
R shard-file "" --shapes llama3-70b-tp8 --batch 80,128 --weights f32,q8_0,affine_q3,affine_q4 $c
T end
gpu_summary > $o/summary.txt
grep -v '^NVIDIA' $o/summary.txt
