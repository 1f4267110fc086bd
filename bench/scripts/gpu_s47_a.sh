#!/bin/bash
# s47-a (an nvidia-h200-x2 machine, ~520 s): single-cell tunes of fp32-x cells that still start
# from nvidia-sm_90.db's shape-less entries (bench/results/2026-11-30-coverage-after-s46/; the
# list gpu_s47_next.sh had prepared, two Llama cells moved to card 1 for balance). Each winner
# the tuner measured at least 1.03x faster than the shipped choice goes straight through an
# overlay against the file, in bursts (gpu_tune_check: file, overlay, overlay, file), with fp32
# weights in the same runs.
# Prediction (written before the call): the tuner finds >= 1.03x on 4-7 of the 16 cells, the
# GPT-2 ones most (1.1-1.5x), the Llama ones at most 1.05x; bursts confirm >= 1.03x on both
# passes for 2-4 cells.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  L="--shape 4096x14336"
  for c in f16:2 bf16:2 q8_0:4 q4_0:4 affine_q2:2 affine_q4:2 affine_q2:4 affine_q4:4; do
    w=${c%:*} B=${c#*:}
    gpu_tune_check l-$w-$B 30 "--shapes llama3-8b --batch $B --weights f32,$w" $L --weights $w --batch $B
  done
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  G="--shape 768x3072 --kind plain --act gelu_tanh"
  for c in f32:8 q4_0:2 affine_q2:4 affine_q4:4; do
    w=${c%:*} B=${c#*:}
    gpu_tune_check g-$w-$B 30 "--shapes gpt2 --batch $B --weights f32,$w" $G --weights $w --batch $B
  done
  for w in affine_q2 affine_q4; do
    gpu_tune_check s-$w-32 40 "--shapes llama3-70b-tp8 --batch 32 --weights f32,$w" --shape 8192x3584 --weights $w --batch 32
  done
  for w in affine_q2 affine_q4; do
    gpu_tune_check l-$w-8 30 "--shapes llama3-8b --batch 8 --weights f32,$w" --shape 4096x14336 --weights $w --batch 8
  done
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt
  grep -h '^# B=' $o/$c/*.db | sed 's/generic ([^)]*) //'; cat $o/$c/summary.txt | grep -- '-file\|-overlay'; done
