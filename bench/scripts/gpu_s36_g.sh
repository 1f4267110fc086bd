#!/bin/bash
# Thirty-sixth session, call g (H200): nvidia-h200.db with this session's entries
# (bench/scripts/s36-final.db spliced in), through the lookup, no overlay.
# (1) The record again (bench/scripts/gpu_record.sh: Llama-3-8B SwiGLU and ReLU, fp32, B =
#     1..4096, the H200-tuned CLBlast chain, PyTorch, plot), for the README's table.
# (2) Every weight format at B = 600, 1024, 2048 (Llama-3-8B), 600 and 1024 (Gemma-2B, the 70B
#     shard), fp32 x, and GPT-2's fp32 and block formats at B = 64, 80, 100, 160, 256, 300.
# Prediction: (1) as call b but B=1024 5.3-5.5 ms (was 7086 us); (2) Llama's block formats
# 1.00-1.06x of fp32 weights at 600 (affine_q3 0.95x), 1.07-1.19x at 1024-2048; Gemma and the
# shard as call f; GPT-2's block formats 1.0-1.15x of fp32's new tile at 100-300 and, on their
# old entries, below it at 64-80 (fp32 there now 40.6 and 49.9 us).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
timeout 200 bash bench/scripts/gpu_record.sh $o > $o/cmd.log 2>&1
T record
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
RT=100 R llama "" --shapes llama3-8b --batch 600,1024,2048 --weights $W --budget 0.1 --reps 3
RT=100 R other "" --shapes gemma-2b,llama3-70b-tp8 --batch 600,1024 --weights $W --budget 0.1 --reps 3
R gpt2 "" --shapes gpt2 --batch 64,80,100,160,256,300 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
T formats
cat $o/times.txt
gpu_summary
cut -c1-150 $o/main-table.md
