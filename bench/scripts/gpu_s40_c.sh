#!/bin/bash
# Fortieth session, third call (one H200, ~400 s).
# 1. The record (gpu_record.sh: Llama-3-8B SwiGLU and ReLU fp32, B = 1-4096, the tuned CLBlast
#    chain and cuBLAS in the same call) with the file as of this commit (s38-s40 moved the ReLU
#    MLP's fp32 at 193-512 since s37-g's record).
# 2. s40-b's entries through the file: Gemma-2B's and Qwen2.5-7B's block formats at 576 (pads
#    128-row tiles by 10%), 640 and 768.
# 3. Gemma-2B's fp32 weights at 640, 768 and 1024 on QT, Q2, T3 and RQ3 against the file (one
#    129-2048 entry; 640 took 1.55x 512's time for 1.25x the rows in s40-b).
# 4. Gemma's affine_q3 at 448 on F2 (0.97x of fp32 through the file on Q2 in s40-b).
# Prediction: 1. SwiGLU as s37-g within noise (B=1 162-167 us, B=16 190-197); the ReLU MLP at 256
# and 512 1.06-1.13x faster than s37-g. 2. within 0-3% of s40-b's overrides; 576 at 640's times
# or below, formats ahead of fp32. 3. a 128-row tile 1.05-1.25x over the file at 640/768, level
# at 1024. 4. level with Q2 (1520-1540 us): no fix from F2.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
mkdir -p $o/record
BUILD=$b timeout 260 bash $d/gpu_record.sh $o/record > $o/record/cmd.log 2>&1
T record
c="--budget 0.1 --reps 5"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
R gemma-file "" --shapes gemma-2b --batch 576,640,768 $c --weights f32,$W
R qwen-file "" --shapes qwen2.5-7b --batch 576,640,768 $c --weights f32,$W
T file
G="--shapes gemma-2b --batch 640,768,1024 $c --weights f32"
R gf32-file "" $G
for k in QT Q2 T3 RQ3; do t=TILE_$k; R gf32-$k "${!t}" $G; done
R gq3-F2 "$TILE_F2" --shapes gemma-2b --batch 448 $c --weights f32,affine_q3
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
cut -d'|' -f2-13 $o/record/main-table.md | grep -v "^ ---"
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/gemma-file.csv $o/qwen-file.csv
