#!/bin/bash
# Thirty-ninth session, third call (one H200): s39-b's tiles through the file and on their
# neighbours, overrides against the shipped lookup in the same call.
# A. Llama-3-8B SwiGLU at B=256 (issue 5's affine_q3 cell, 0.94-0.96x of fp32): the ReLU tune's
#    128x112 gate/up tile (RQ3: na=0 se=0; RQ3b: na=2 se=1) for f32 and the six block formats,
#    against the shipped lookup; a second round for f32 and affine_q3.
# B. The ReLU MLP: s39-b's affine_q3 entry through the file at 256, RQ3 at 160/300/512 against the
#    shipped affine_q3 entries there; the other formats at 256 on RQ3 (bf16, q8_0, affine_q4 were
#    0.93-0.96x of fp32).
# C. The 70B shard: s39-b's f16/bf16 entries through the file at 80/128; the same tiles at
#    192/256 against the shipped mt=128 entries; fp32 at 128 on the f16 tile; the block formats
#    at 128 on it with iw=1 and kt=32 (SQ).
# Prediction: A: RQ3 1.00-1.06x for the block formats (affine_q3 to 1.00-1.02x of fp32), f32 level
# or slower; B: the entry within 3% of its tune, RQ3 1.0-1.2x at 160-512 and for the formats at
# 256; C: the entries within 3% of the tune at 128 and 1.0-1.2x at 80, the tiles level at
# 192/256, fp32 level, SQ 1.0-1.1x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
RQ3="strategy=mma mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=0 hp=1 se=0"
RQ3b="strategy=mma mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
SF16="strategy=mma mt=64 nt=32 kt=64 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
SBF16="strategy=mma mt=64 nt=64 kt=64 wm=4 wn=4 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=0 na=0 hp=1 se=0"
SQ="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
c="--budget 0.12 --reps 5"
F="f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
L="--shapes llama3-8b --batch 256 $c"
R A-file "" $L --weights $F; R A-RQ3 "$RQ3" $L --weights $F; R A-RQ3b "$RQ3b" $L --weights $F
R A-file2 "" $L --weights f32,affine_q3; R A-RQ3-2 "$RQ3" $L --weights f32,affine_q3
R A-RQ3b-2 "$RQ3b" $L --weights f32,affine_q3
T A
P="--shapes llama3-8b --ops relu $c"
R B-file "" $P --batch 160,256,300,512 --weights f32,affine_q3
R B-RQ3 "$RQ3" $P --batch 160,300,512 --weights affine_q3
R B-file256 "" $P --batch 256 --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q4,affine_q8
R B-RQ3-256 "$RQ3" $P --batch 256 --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q4,affine_q8
T B
S="--shapes llama3-70b-tp8 $c"
R C-file "" $S --batch 80,128,192,256 --weights f32,f16,bf16
R C-SF16 "$SF16" $S --batch 192,256 --weights f16
R C-SBF16 "$SBF16" $S --batch 192,256 --weights bf16
R C-f32 "$SF16" $S --batch 128 --weights f32
R C-qfile "" $S --batch 128 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
R C-SQ "$SQ" $S --batch 128 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
T end
gpu_summary > $o/summary.txt
grep -v '^NVIDIA' $o/summary.txt
