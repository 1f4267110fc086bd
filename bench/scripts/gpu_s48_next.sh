#!/bin/bash
# Prepared in the forty-seventh session; ran in the forty-eighth as s48-a
# (bench/results/2026-11-30-h200-s48-a; an nvidia-h200-x2 machine, 169 s): the lookup's fp32-x
# rule (16-bit x whose first entry names no shape takes the shape's fp32-x entry ahead of it;
# src/tuning_lookup.c) where s47-d/e did not measure it: bf16 x
# at decode batches, and f16 x at 64, 256 and 1024, where the rule moves 16-bit weights (and the
# ReLU MLP's fp32 weights). Each pair is flashmlp-bench through the file (the rule) and through
# an overlay of what the lookup chose before it (acts_overlay.py --displaced over the coverage
# after s47: s48-bf16-before.db, s48-large-before.db); overlay_diff.py prints before/after
# ratios (above 1: the overlay, the old choice, was faster). Regenerate the overlays first if the
# H200 file has changed since.
# Prediction (forty-eighth session, 2026-11-30 06:25, before the call): bf16 x at B = 1-32
# (GPT-2, the ReLU MLP, Qwen2.5-7B): the rule faster than the displaced sm_90 entries in about 9
# of 10 changed cells (as s47-e's f16 x, 107 of 109), by 5-60%, a few level; f16 x at 64-1024:
# mixed, about 2 of 3 changed cells faster by 3% or more, some up to 10% slower (the fp32-x
# tiles of 16-bit weights at prefill were tuned with fp32 x, whose staging costs differ).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
pair() { local n=$1 db=$2 ov; shift 2; ov=$(overlay $db)
  unset FLASHMLP_TUNING_DIR; RT=90 R $n-file "" "$@" --budget 0.05 --reps 5; T $n-file
  export FLASHMLP_TUNING_DIR=$ov; RT=90 R $n-overlay "" "$@" --budget 0.05 --reps 5
  unset FLASHMLP_TUNING_DIR; T $n-overlay; }
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  pair gpt2 $d/s48-bf16-before.db --shapes gpt2 --batch 1,2,4,8,16,32 --weights $W --acts bf16
  pair relu $d/s48-bf16-before.db --shapes llama3-8b --ops relu --batch 1,2,4,8 --weights $W --acts bf16
  pair large-relu $d/s48-large-before.db --shapes llama3-8b --ops relu --batch 64,256,1024 --weights f32,f16,bf16 --acts f16
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  pair qwen $d/s48-bf16-before.db --shapes qwen2.5-7b --batch 1,2,4,8,16 --weights $W --acts bf16
  pair large-qwen $d/s48-large-before.db --shapes qwen2.5-7b --batch 64,256,1024 --weights f16,bf16 --acts f16
  pair large-gemma $d/s48-large-before.db --shapes gemma-2b --batch 64,256,1024 --weights f32,f16,bf16 --acts f16
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; done
python3 $d/overlay_diff.py $o
