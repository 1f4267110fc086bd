#!/bin/bash
# Prepared in the thirty-ninth session for the next call (one H200, ~250 s), not yet run. Revise
# the prediction before the call.
# 1. Gemma-2B's block formats at B=512, 0.91-0.97x of fp32 weights on F2 (s39-g): QT and Q2 (the
#    128-row tiles that moved Qwen2.5-7B's at 256-384 by 1.12-1.24x) and T3, against the file, at
#    384 and 512 (their entries cover 257-768).
# 2. Qwen2.5-7B's q4_0 at 256 and 384 on QT and Q2 (its siblings moved in s39-e/f; q4_0 stayed on
#    F2, 1.01-1.07x of fp32).
# 3. The ReLU MLP's q4_0, affine_q2, affine_q4 at 257-320 (F2, 0.98-0.99x of RQ3 at 300 in s39-d,
#    but ahead of fp32 weights): nothing to move unless fp32 moves again; left out.
# Prediction (to be revised): 1. QT/Q2 1.05-1.20x at 512, 0.95-1.10x at 384; 2. 1.10-1.20x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
c="--budget 0.1 --reps 5"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
G="--shapes gemma-2b --batch 384,512 $c"
R gemma-file "" $G --weights f32,$W
for k in QT Q2 T3; do t=TILE_$k; R gemma-$k "${!t}" $G --weights $W; done
T gemma
Q="--shapes qwen2.5-7b --batch 256,384 $c"
R qwen-file "" $Q --weights f32,q4_0
for k in QT Q2; do t=TILE_$k; R qwen-$k "${!t}" $Q --weights q4_0; done
T end
gpu_summary > $o/summary.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/*-file.csv
