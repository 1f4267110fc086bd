#!/bin/bash
# s45-j (an nvidia-h200-x2 machine, ~90 s): desc.accumulate through the card's own tensor-core
# kernels (api/accumulate runs them emulated): `flashmlp run --accumulate` (y holds a residual;
# y - residual checked against the double-precision reference on sample rows) on Llama-3-8B
# at B = 1, 16, 256, 4096 with fp32 weights and x (card 0), and with q4_0 weights, int8 dot
# products and bf16 x and y at B = 1, 16, 256 (card 1).
# Prediction (written before the call): every check passes; the times those of the plans
# without accumulate (within 1%).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
( export CUDA_VISIBLE_DEVICES=0; mkdir -p $o/c0
  timeout 200 $b/flashmlp run --accumulate --batch 1,16,256,4096 --reps 5 > $o/c0/run.txt 2>&1
  echo "rc $?" >> $o/c0/run.txt ) &
( export CUDA_VISIBLE_DEVICES=1; mkdir -p $o/c1
  timeout 200 $b/flashmlp run --accumulate --weights q4_0 --precision int8 --acts bf16 \
    --batch 1,16,256 --reps 5 > $o/c1/run.txt 2>&1
  echo "rc $?" >> $o/c1/run.txt ) &
wait
for c in c0 c1; do echo "== $c"; grep -v "^ *$" $o/$c/run.txt | cut -c1-120; done
