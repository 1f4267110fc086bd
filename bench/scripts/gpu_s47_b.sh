#!/bin/bash
# s47-b (an nvidia-h200-x2 machine, ~540 s): s47-a's single-cell tunes for the rest of the
# fp32-x cells on nvidia-sm_90.db's shape-less entries (bench/results/2026-11-30-coverage-after-s46/):
# card 0 the ReLU MLP (4096x14336), card 1 Qwen2.5-7B, the B=2 cells first (s47-a's Llama B=2
# affine cells gained 1.28-1.31x, its B=4/8 Llama cells nothing). 20 s a tune; winners >= 1.03x
# in the tuner through overlays against the file in bursts (gpu_tune_check).
# Prediction (written before the call): the B=1/2 cells of the affine and q4_0 formats gain
# 1.15-1.35x as Llama's did; f16/bf16 at 2 and the B=4/8 cells level (1.00-1.02x in the tuner);
# so 4-7 cells shipped.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  for c in affine_q2:2 affine_q4:2 affine_q3:2 q4_0:2 f16:2 bf16:2 affine_q3:4 affine_q4:4 \
           q8_0:4 affine_q8:4 f32:4 q4_0:8; do
    w=${c%:*} B=${c#*:}
    gpu_tune_check r-$w-$B 20 "--shapes llama3-8b --ops relu --batch $B --weights f32,$w" \
      --shape 4096x14336 --kind plain --act relu --weights $w --batch $B
  done
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  for c in f16:2 f16:1 bf16:1 f32:1 affine_q2:4 affine_q4:4 affine_q3:4 q4_0:4 q8_0:4 \
           affine_q8:4 affine_q2:8 affine_q4:8 q4_0:8; do
    w=${c%:*} B=${c#*:}
    gpu_tune_check q-$w-$B 20 "--shapes qwen2.5-7b --batch $B --weights f32,$w" \
      --shape 3584x18944 --weights $w --batch $B
  done
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt
  grep -h '^# B=' $o/$c/*.db | sed 's/generic ([^)]*) //'; grep -- '-file\|-overlay' $o/$c/summary.txt; done
