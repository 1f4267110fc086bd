#!/bin/bash
# Ran in the forty-seventh session as gpu_s47_a.sh (two Llama-3-8B cells moved to card 1, each
# winner burst-checked in the same call): bench/results/2026-11-30-h200-s47-a/.
# Prepared for the next session (an nvidia-h200-x2 machine, ~420 s): single-cell tunes of the
# fp32-x cells that still start from nvidia-sm_90.db's shape-less entries
# (bench/results/2026-11-30-coverage-after-s46/). Each was tuned before only in tunes of several
# cells sharing one budget; in the forty-sixth session a single-cell tune of one such cell
# (GPT-2 q4_0 at 8) found a tile 1.8-1.97x faster in bursts.
# Card 0: Llama-3-8B SwiGLU f16@2 bf16@2 q8_0@4 q4_0@4 affine_q2@2,4,8 affine_q4@2,4,8.
# Card 1: GPT-2 f32@8 q4_0@2 affine_q2@4 affine_q4@4; the 70B shard's affine_q2@32 and
# affine_q4@32.
# Then: each winner over 1.03x in the tuner through an overlay against the file, in bursts
# (gpu_check), before splicing. Write the prediction here before the call.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
one() { local n=$1 t=$2; shift 2; gpu_tune $n $t "$@"; T $n; }
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  L="--shape 4096x14336"
  one l-f16-2 30 $L --weights f16 --batch 2
  one l-bf16-2 30 $L --weights bf16 --batch 2
  one l-q8-4 30 $L --weights q8_0 --batch 4
  one l-q4-4 30 $L --weights q4_0 --batch 4
  for B in 2 4 8; do
    one l-a2-$B 30 $L --weights affine_q2 --batch $B
    one l-a4-$B 30 $L --weights affine_q4 --batch $B
  done
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  G="--shape 768x3072 --kind plain --act gelu_tanh"
  one g-f32-8 30 $G --weights f32 --batch 8
  one g-q4-2 30 $G --weights q4_0 --batch 2
  one g-a2-4 30 $G --weights affine_q2 --batch 4
  one g-a4-4 30 $G --weights affine_q4 --batch 4
  one s-a2-32 45 --shape 8192x3584 --weights affine_q2 --batch 32
  one s-a4-32 45 --shape 8192x3584 --weights affine_q4 --batch 32
  gpu_summary > $o/summary.txt
) &
wait
for f in $o/c*/*.db; do echo "== $(basename $f .db): $(grep '^# B=' $f | sed 's/generic ([^)]*) //')"; done
