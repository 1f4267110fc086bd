#!/bin/bash
# s48-i (forty-eighth session, the last 275 s of device time): a survey of ca=2 (gate/up's
# cp.async ring) on the shipped prefill tiles of the affine formats, Llama-3-8B ReLU MLP at
# 128/256 (card 0) and Qwen2.5-7B at 256/512 (card 1), fp32 weights beside them:
# FLASHMLP_OVERRIDES "" and ca=2 in the order file, ca=2, ca=2, file (gpu_burst's two rounds).
# Cells whose entry has no kt=32 run the same plan both ways.
# Prediction (written before the call): mixed, as s48-c: most cells level or slower with ca=2,
#   a few 1.02-1.04x faster (tiles with fewer weight rows a thread).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
printf '\nca=2\n' > /tmp/ca-i.txt
A=f32,affine_q2,affine_q3,affine_q4,affine_q8
( export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header
  RT=50 gpu_burst relu /tmp/ca-i.txt --shapes llama3-8b --ops relu --batch 128,256 --weights $A --reps 5 --budget 0.06 ) &
( export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header
  RT=50 gpu_burst qwen /tmp/ca-i.txt --shapes qwen2.5-7b --batch 256,512 --weights $A --reps 5 --budget 0.06 ) &
wait
for c in c0 c1; do for f in $o/$c/*-v*-r*.csv; do
  echo "$c $(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done; done
