#!/bin/bash
# Fortieth session, second call (one H200, ~250 s).
# 1. s40-a's entries through the file: Gemma-2B's block formats at 384/448/512 (QT for q8_0, Q2
#    for the rest at 321-512), Qwen2.5-7B's q4_0 at 224/256 (the tune's tile) and 384/448 (Q2).
# 2. The batches either side that the 128-row tiles pad or were never measured on: 300 (pads
#    128-row tiles by 28%) and 640/768 (whole tiles; F2 today at 513-768), Gemma's and Qwen's six
#    block formats on QT and Q2 against the file.
# Prediction: 1. within 0-3% of s40-a's override times (Gemma q8_0 1171/1397, Q2 rows 1164-1292 at
# 384 and 1384-1540 at 512; Qwen q4_0 1464-1500 at 256, 2172 at 384); 448 between them.
# 2. 300: QT/Q2 0.95-1.02x of F2 (not shipped); 640/768: 1.08-1.15x over F2 on both shapes.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
c="--budget 0.1 --reps 5"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
for s in gemma-2b qwen2.5-7b; do
  n=${s%%-*}; n=${n%%2.5}
  if [ $s = gemma-2b ]; then B=300,384,448,512,640,768; else B=224,256,300,384,448,640,768; fi
  R $n-file "" --shapes $s --batch $B $c --weights f32,$W
  for k in QT Q2; do t=TILE_$k; R $n-$k "${!t}" --shapes $s --batch 300,640,768 $c --weights $W; done
  T $n
done
T end
gpu_summary > $o/summary.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/*-file.csv
