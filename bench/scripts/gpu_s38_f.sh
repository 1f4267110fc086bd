#!/bin/bash
# Thirty-eighth session, sixth call (x2, both cards): the fp32-x cells that hp_scan.sh still finds
# on tiles without hp=1 after this session's entries (f16: 16, bf16: 18, q4_0: 2 on the H200).
# Candidates as overrides against the shipped lookup, one round: "hp=1" merged onto each cell's
# own entry; G0 (GPT-2's 16-split tile, iw=0) and F2.
# Card 0: Llama-3-8B f16/bf16 at 48/64; GPT-2 f16/bf16 at 48/128 (G0, hp) and 256/1024 (hp).
# Card 1: the 70B shard's f16/bf16/q4_0 at 48/64 (G0 or G, hp, F2), fp32 beside them.
# Prediction: Llama f16/bf16 at 48/64 1.05-1.2x on F2 or hp; GPT-2 level to 1.1x (its batches
# are short kernels where the tile matters less); the shard 1.05-1.2x on G0/G (its f16 gained
# 1.03-1.09x on G0 at 80/128 in s38-a).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/a $o/b
gpu_header
G0="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
a="--budget 0.1 --reps 5"
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/a; gpu_header; T start
  L="--shapes llama3-8b --batch 48,64 --weights f16,bf16 $a"
  R llama-old "" $L --weights f32,f16,bf16; R llama-hp "hp=1" $L; R llama-F2 "$F2" $L; R llama-G0 "$G0" $L
  P="--shapes gpt2 --weights f16,bf16 $a"
  R gpt2-old "" $P --batch 48,128,256,1024 --weights f32,f16,bf16; R gpt2-hp "hp=1" $P --batch 48,128,256,1024
  R gpt2-G0 "$G0" $P --batch 48,128
  T end; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/b; gpu_header; T start
  S="--shapes llama3-70b-tp8 --batch 48,64 $a"
  R shard-old "" $S --weights f32,f16,bf16,q4_0; R shard-hp "hp=1" $S --weights f16,bf16,q4_0
  R shard-G0 "$G0" $S --weights f16,bf16; R shard-G "$G" $S --weights q4_0; R shard-F2 "$F2" $S --weights f16,bf16,q4_0
  T end; gpu_summary > $o/summary.txt
) &
wait
for p in a b; do grep -v '^NVIDIA' $o/$p/summary.txt; done
