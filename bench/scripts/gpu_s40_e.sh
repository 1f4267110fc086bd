#!/bin/bash
# Fortieth session, fifth call (one H200, ~250 s).
# 1. Llama-3-8B SwiGLU at 3072 and 4096, every weight format through the file (fp32 x now on T3
#    at 2049-), the old fp32 tile at 3072, and T3 for the eight other formats.
# 2. The Llama-3-8B ReLU MLP at 768, 1024 and 2048, every weight format through the file (fp32 now
#    on RQ3 at 513-2048; the block formats on T3 at 513-, 0.88-0.95x of fp32 at 768 in s40-d), and
#    RQ3 and Q2 for the eight other formats.
# Prediction: 1. fp32 through the file 21.0-21.4 ms at 4096, 1.03-1.08x over the old tile at 3072;
# the block formats on T3 1.05-1.15x over their entries at 4096 (their time a row at 4096 is
# 1.08-1.15x 2048's in s38-d), f16/bf16 level. 2. the block formats on RQ3 1.05-1.20x over T3 at
# 768, 1.00-1.10x at 1024/2048, ahead of fp32 after; f16/bf16 within 3%.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
A="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
N="f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
S="--shapes llama3-8b --ops swiglu --batch 3072,4096 --budget 0.3 --reps 5"
R sw-file "" $S --weights $A
OLD="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 hp=1"
R sw-old "$OLD" --shapes llama3-8b --ops swiglu --batch 3072 --budget 0.3 --reps 5 --weights f32
R sw-T3 "$TILE_T3" $S --weights $N
T swiglu
L="--shapes llama3-8b --ops relu --batch 768,1024,2048 --budget 0.1 --reps 5"
R relu-file "" $L --weights $A
for k in RQ3 Q2; do t=TILE_$k; R relu-$k "${!t}" $L --weights $N; done
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/sw-file.csv $o/relu-file.csv
