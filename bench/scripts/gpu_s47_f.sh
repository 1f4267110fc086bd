#!/bin/bash
# s47-f (an nvidia-h200-x2 machine, ~170 s; the session's last device time): s47-e's question
# for the rest: bf16 x at decode batches (GPT-2, the Llama-3-8B ReLU MLP) and f16 x at 64, 256
# and 1024 (16-bit weights, where the marked cells are at those batches: Qwen2.5-7B, the ReLU
# MLP), the file against an overlay of the shape's fp32-x entries (bench/scripts/s47-mix.db from
# acts_overlay.py), one run each.
# Prediction (written before the call): bf16 x as f16 x in s47-e (most cells 1.05-2x faster, few
# slower); at 64-1024 closer to level (0.95-1.1x), since the mma tiles' x staging differs more
# between f32 and 16-bit x than the stream kernel's.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
ov=$(overlay $d/s47-mix.db)
pair() { local n=$1; shift
  unset FLASHMLP_TUNING_DIR; RT=80 R $n-file "" "$@" --budget 0.05 --reps 5; T $n-file
  export FLASHMLP_TUNING_DIR=$ov; RT=80 R $n-overlay "" "$@" --budget 0.05 --reps 5
  unset FLASHMLP_TUNING_DIR; T $n-overlay; }
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  pair qwen-large --shapes qwen2.5-7b --batch 64,256,1024 --weights f16,bf16 --acts f16
  pair relu-large --shapes llama3-8b --ops relu --batch 64,256,1024 --weights f32,f16,bf16 --acts f16
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  pair gpt2-bf16 --shapes gpt2 --batch 1,2,4,8,16,32 --weights $W --acts bf16
  pair relu-bf16 --shapes llama3-8b --ops relu --batch 1,2,4,8 --weights $W --acts bf16
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; done
python3 $d/overlay_diff.py $o
