#!/bin/bash
# Forty-first session, second call: an nvidia-h200-x2 machine, both cards side by side.
# Qwen2.5-7B's and Gemma-2B's decode cells run sm_90's shape-less entries (measured on Llama-3-8B
# SwiGLU only; bench/results/2026-11-29-coverage-after-s40), as the ReLU MLP's did until s41-a,
# whose tune found 1.06-1.68x in 22 of 33 cells.
# Card 0: flashmlp-tune --uncovered of Qwen2.5-7B (SwiGLU) in fp32, f16, bf16, q8_0, q4_0 at
# B = 1, 4, 16, 32 (those cells of the five formats that take no entry of the H200's file:
# 17), 470 s. Card 1: s41-a's 22 entries through the file (the ReLU MLP, every format at 1, 4, 16,
# 32, with SwiGLU's % of floor beside it as in s41-a), then the same tune for Gemma-2B (GeGLU
# tanh), 400 s.
# Prediction: the tunes 1.05-1.30x over the shipped choice at 16 and 32, 1.00-1.15x at 1 and 4
# (the neighbours step brings Llama-3-8B's own tile of each format and batch); s41-a's entries
# through the file within 3% of the tuner's times (f16 B=16 85 us, affine_q3 B=32 181 us).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/qwen $o/gemma
gpu_header
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/qwen; gpu_header; T start
  timeout -s INT -k 20 490 $b/flashmlp-tune --shape 3584x18944 --weights f32,f16,bf16,q8_0,q4_0 \
    --batch 1,4,16,32 --uncovered --total-budget 470 --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/gemma; gpu_header; T start
  A="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
  RT=120 R relu "" --shapes llama3-8b --ops relu --batch 1,4,16,32 --budget 0.1 --reps 5 --weights $A
  T file; gpu_summary > $o/summary.txt
  timeout -s INT -k 20 420 $b/flashmlp-tune --shape 2048x16384 --act gelu_tanh \
    --weights f32,f16,bf16,q8_0,q4_0 --batch 1,4,16,32 --uncovered --total-budget 400 \
    --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
wait
cat $o/qwen/times.txt $o/gemma/times.txt
grep -v '^NVIDIA' $o/gemma/summary.txt
for p in qwen gemma; do echo "== $p"; grep '^# B=' $o/$p/tune.db; tail -n 2 $o/$p/tune.log; done
