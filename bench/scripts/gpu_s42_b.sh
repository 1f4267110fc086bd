#!/bin/bash
# Prepared in the forty-first session for a later call (an nvidia-h200-x2 machine, ~520 s), not
# yet run. Revise the prediction before the call.
# The 70B shard's and GPT-2's decode cells still run sm_90's entries without a shape
# (bench/results/2026-11-29-coverage-after-s41: 52 fp32-x cells each from arch entries), as
# the ReLU MLP's, Qwen2.5-7B's and Gemma-2B's did until s41-a..c, whose tunes gained 1.03-1.68x
# in 57 of 91 cells. This runs the tuner with its two forty-first-session changes: the shared
# budget allows for each bucket's overrun, and each format's bucket measures the tiles that won
# the formats before it in the run first.
# Card 0: the shard (8192x3584, SwiGLU) in fp32, f16, bf16, q8_0, q4_0 at B = 1, 4, 16, 32,
# --uncovered, 470 s. Card 1: GPT-2 (768x3072, plain, GELU tanh) the same, 470 s (NVIDIA builds
# GPT-2's programs in 6-9 s each, s34-g: fewer candidates a bucket).
# Splice with: tuning/splice.py tuning/nvidia-h200.db <tune.db> --tag s42-b --min-gain 1.03
# Prediction: 1.05-1.40x at 16 and 32, 1.00-1.25x at 1 and 4; no bucket under 10 s of budget.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/shard $o/gpt2
gpu_header
(
  export FLASHMLP_DEVICE=${CA:-0:0}; unset FLASHMLP_TUNING_DIR; o=$o/shard; gpu_header; T start
  timeout -s INT -k 20 490 $b/flashmlp-tune --shape 8192x3584 --weights f32,f16,bf16,q8_0,q4_0 \
    --batch 1,4,16,32 --uncovered --total-budget 470 --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
(
  export FLASHMLP_DEVICE=${CB:-0:1}; unset FLASHMLP_TUNING_DIR; o=$o/gpt2; gpu_header; T start
  timeout -s INT -k 20 490 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights f32,f16,bf16,q8_0,q4_0 --batch 1,4,16,32 --uncovered --total-budget 470 \
    --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
wait
cat $o/shard/times.txt $o/gpt2/times.txt
for p in shard gpt2; do echo "== $p"; grep '^== \[' $o/$p/tune.log | sed 's/.*weights \([a-z0-9_]*\),.*B=\([0-9]*\) .*budget/\1 B=\2/' | tr '\n' ';'; echo; grep '^# B=' $o/$p/tune.db; tail -n 2 $o/$p/tune.log; done
