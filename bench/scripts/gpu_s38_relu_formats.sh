#!/bin/bash
# Prepared in the thirty-seventh session for a later H200 call, not yet run. The Llama-3-8B ReLU
# MLP's weight formats were never tuned on the H200: bench/results/2026-11-29-hp-scan finds its
# f16 cells at B=48-2048 and its q4_0 cells at every batch on mma tiles without hp, while its
# fp32 cells took hp tiles this session (1.08-1.37x). Candidates as overrides against the
# shipped lookup, one round, fp32 x, beside fp32 weights: "hp=1" merged onto each format's own
# entry; the fp32 ReLU tiles with iw=1 (R1i at 80-128, TBi at 256-1024, TAi at 4096); the
# block-format tiles F2 (80-256) and T3 (1024-4096).
# Prediction (revised before s38-a: unchanged): the best candidate 1.1-1.4x over the shipped tile in most cells,
# and each format at or above fp32 weights where the SwiGLU MLP's same format is.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
R1i="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=0 dorder=0 iw=1 hp=1"
TBi="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=2 hp=1"
TAi="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 dorder=0 iw=1 hp=1"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
W="--shapes llama3-8b --ops relu --weights f16,bf16,q8_0,q4_0,affine_q3,affine_q4 --budget 0.1 --reps 5"
R old "" $W --batch 80,128,256,1024,4096 --weights f32,f16,bf16,q8_0,q4_0,affine_q3,affine_q4
R hp "hp=1" $W --batch 80,128,256,1024,4096
R R1i "$R1i" $W --batch 80,128
R TBi "$TBi" $W --batch 256,1024
R TAi "$TAi" $W --batch 4096
R F2 "$F2" $W --batch 80,128,256
R T3 "$T3" $W --batch 1024,4096
T end
cat $o/times.txt
gpu_summary
