#!/bin/bash
# Fortieth session, fourth call (one H200, ~200 s).
# 1. s40-c's Gemma-2B fp32 entry (Q2 at 513-768) through the file, with the six block formats, at
#    576, 640 and 768.
# 2. Gemma's fp32 weights at 384 and 512 on Q2 and QT against the file (the formats moved to them
#    in s40-a; fp32 was not measured there).
# 3. The Llama-3-8B ReLU MLP's fp32 weights at 768, 1024 and 2048 on RQ3, T3, QT and Q2 against the
#    file (one F2-like 513-2048 entry; the record s40-c flagged 1024's time a row 8% above 512's),
#    and the ReLU MLP's block formats at 768/1024 through the file (to compare with fp32's best).
# 4. Llama-3-8B SwiGLU fp32 at 4096 (5.61 us a row against 1024's 5.27 in s40-c) on the 513-2048
#    entry's tile (S2 below), T3, QT and Q2 against the file.
# Prediction: 1. within 2% of s40-c's overrides (fp32 2133 / 2391 at 640 / 768), formats ahead of
# fp32 at all three; 2. 1.00-1.10x over the file; 3. a 128-row tile 1.03-1.10x at 768/1024, level
# at 2048; 4. level within 3% (s24's tune chose the file's tile at 4096).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
c="--budget 0.1 --reps 5"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
R gemma-file "" --shapes gemma-2b --batch 576,640,768 $c --weights f32,$W
G="--shapes gemma-2b --batch 384,512 $c --weights f32"
R g512-file "" $G
for k in Q2 QT; do t=TILE_$k; R g512-$k "${!t}" $G; done
T gemma
L="--shapes llama3-8b --ops relu $c --weights f32"
R relu-file "" --shapes llama3-8b --ops relu --batch 768,1024,2048 $c --weights f32,$W
for k in RQ3 T3 QT Q2; do t=TILE_$k; R relu-$k "${!t}" $L --batch 768,1024,2048; done
T relu
S2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
S="--shapes llama3-8b --ops swiglu --batch 4096 --budget 0.3 --reps 5 --weights f32"
R sw-file "" $S
R sw-S2 "$S2" $S
for k in T3 QT Q2; do t=TILE_$k; R sw-$k "${!t}" $S; done
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/gemma-file.csv $o/relu-file.csv
