#!/bin/bash
# Fortieth session, seventh call (one H200, ~200 s; the session's last device minutes).
# 1. s40-f's entries through the file: the Llama-3-8B ReLU MLP at 3072 and 4096, every format.
# 2. f16 and bf16 weights there (0.98x / 0.94x of fp32 at 4096 in s40-f before fp32 moved to RQ3) on
#    Q2 (their 513-2048 tile since s40-e), RQ3 and T3 against the file.
# Prediction: 1. fp32 15.4-15.7 ms at 4096, block formats 14.2-14.9 ms, ahead of fp32; f16/bf16
# behind it on the file (0.89-0.95x). 2. Q2 1.05-1.20x over the file for both at 3072/4096, ahead
# of fp32 after.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
L="--shapes llama3-8b --ops relu --batch 3072,4096 --budget 0.2 --reps 5"
R relu-file "" $L --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for k in Q2 RQ3 T3; do t=TILE_$k; R relu-$k "${!t}" $L --weights f16,bf16; done
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/relu-file.csv
