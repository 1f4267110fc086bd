#!/bin/bash
# s47-d (an nvidia-h200-x2 machine, ~200 s): s47-a/b's eleven fp32-x entries as entries for f16
# and bf16 x (bench/scripts/s47-acts.db), through an overlay against the file in bursts
# (gpu_check: file, overlay, overlay, file) with --acts f16,bf16. Those cells still start from
# nvidia-sm_90.db's shape-less entries (the new entries say at=f32, which 16-bit x does not match).
# Prediction (written before the call): the same gains as fp32 x (x is 2-8 rows, a few KB):
# Llama-3-8B affine_q2/q4 at 2 1.25-1.3x, the ReLU MLP's four @4 cells 1.14-1.2x and q4_0@8
# 1.03-1.06x, GPT-2's 1.15-1.5x, Qwen's q4_0@8 1.03-1.06x; every row passes its check.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
A="--acts f16,bf16"; db=$d/s47-acts.db
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_check l2 $db --shapes llama3-8b --batch 2 --weights affine_q2,affine_q4 $A; T l2
  gpu_check r4 $db --shapes llama3-8b --ops relu --batch 4 --weights affine_q3,affine_q4,affine_q8,q8_0 $A; T r4
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  gpu_check r8 $db --shapes llama3-8b --ops relu --batch 8 --weights q4_0 $A; T r8
  gpu_check q8 $db --shapes qwen2.5-7b --batch 8 --weights q4_0 $A; T q8
  gpu_check g2 $db --shapes gpt2 --batch 2 --weights q4_0 $A; T g2
  gpu_check g4 $db --shapes gpt2 --batch 4 --weights affine_q2,affine_q4 $A; T g4
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; grep -v '^NVIDIA' $o/$c/summary.txt
  grep -l 'error\|fail' $o/$c/*.log; done
