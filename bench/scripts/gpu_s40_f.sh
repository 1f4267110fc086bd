#!/bin/bash
# Fortieth session, sixth call (one H200, ~280 s).
# 1. s40-e's entries through the file: Llama-3-8B SwiGLU at 3072/4096 and the ReLU MLP at 576
#    (pads RQ3's 128-row tiles by 10%), 768, 1024 and 2048, every weight format.
# 2. The ReLU MLP at 4096 (2049-: fp32 on s24-era mt=64 nt=128, the formats on T3): every format
#    through the file, and RQ3 / T3 for fp32 and RQ3 for the block formats.
# 3. A survey against fp32 weights at 1024 and 4096 on Qwen2.5-7B, Gemma-2B and the 70B shard,
#    every format through the file (short: budget 0.06, 3 reps).
# Prediction: 1. within 2% of s40-e's overrides, every format ahead of fp32 (576 too); 2. fp32 on
# RQ3 1.03-1.09x over the file at 4096, the block formats on RQ3 1.0-1.1x over T3; 3. one to five
# cells below fp32, most likely affine_q3 (its cells were the slowest on every shape so far).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
A="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
N="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
R sw-file "" --shapes llama3-8b --ops swiglu --batch 3072,4096 --budget 0.3 --reps 5 --weights $A
R relu-file "" --shapes llama3-8b --ops relu --batch 576,768,1024,2048,4096 --budget 0.1 --reps 5 --weights $A
T file
L="--shapes llama3-8b --ops relu --batch 4096 --budget 0.2 --reps 5"
R relu4k-RQ3 "$TILE_RQ3" $L --weights f32,$N
R relu4k-T3 "$TILE_T3" $L --weights f32
T relu4k
for s in qwen2.5-7b gemma-2b llama3-70b-tp8; do
  R sv-$s "" --shapes $s --batch 1024,4096 --budget 0.06 --reps 3 --weights $A
done
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/*-file.csv $o/sv-*.csv
