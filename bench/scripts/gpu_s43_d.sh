#!/bin/bash
# Forty-third session, call d (an nvidia-h200-x2 machine, ~330 s).
# Card 0: GPT-2 through the file (s43-c's one-launch entries) against the same plans with fr=0
# (the entries as they were), B = 1, 2, 4 every format, and fp32 at 16 and 32 (the new mmav
# entries; fr=0 changes nothing there), two rounds in alternating order; then Gemma-2B at B=1,
# every format, exact and int8, the shipped plans against fr=1 ps=0.
# Card 1: Llama-3-8B SwiGLU at B=1, every format, exact and int8, the shipped plans against
# fr=1 ps=0 (the one-launch form, which no longer makes an event a launch), two rounds.
# Prediction (before the call): GPT-2 through the file 1.15-1.7x at B=1 over fr=0, as in s43-c;
# fp32 at 16 about 20 us. Llama-3-8B at B=1: fr=1 still 0-5% slower for fp32 and 16-bit (the
# wait for the slowest slice, s14's 3-12 us less the ~2 us the event cost), level to 1 us faster
# for the int8 block formats whose bytes take 15-30 us; Gemma-2B's block formats (13-25 us)
# 1-3 us faster with fr=1.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
F=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  for r in 1 2; do
    if [ $r = 1 ]; then vs="file fr0"; else vs="fr0 file"; fi
    for v in $vs; do
      if [ $v = fr0 ]; then ov="fr=0"; else ov=""; fi
      RT=150 R g-$v-$r "$ov" --shapes gpt2 --batch 1,2,4 --weights $F --reps 7 --budget 0.15
      RT=60 R g16-$v-$r "$ov" --shapes gpt2 --batch 16,32 --weights f32 --reps 7 --budget 0.15
    done
  done
  T gpt2
  for v in ship fr; do
    if [ $v = fr ]; then ov="fr=1 ps=0"; else ov=""; fi
    RT=150 R gem-$v "$ov" --shapes gemma-2b --batch 1 --weights $F --precision exact,int8 --reps 7 --budget 0.15
  done
  T gemma; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; o=$o/c1; gpu_header; T start
  for r in 1 2; do
    if [ $r = 1 ]; then vs="ship fr"; else vs="fr ship"; fi
    for v in $vs; do
      if [ $v = fr ]; then ov="fr=1 ps=0"; else ov=""; fi
      RT=150 R l-$v-$r "$ov" --shapes llama3-8b --batch 1 --weights $F --precision exact,int8 --reps 7 --budget 0.15
    done
  done
  T llama; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
