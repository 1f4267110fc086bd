#!/bin/bash
# Prepared in the thirty-third session for the next call (H200), not yet run. Overlay
# s34-next.db (64-row tiles where the shipped entries' 128-row tiles run a last tile at most half
# full; bench/results/2026-11-29-coverage-padding lists such cells), shipped and overlay in the
# same call, alternating twice, fp32 weights beside the formats:
# (1) Llama-3-8B's fp32 weights at B = 129-192, each x type: the down kernel on 64-row tiles with
#     512 threads and splits=4 (its gate/up tiles are 64 rows already; the down kernel runs 256
#     rows for 160).
# (2) Qwen2.5-7B's and Gemma-2B's f16-x block formats at 129-192 and 257-320 on the 64-row tile
#     (fw=1), which gave their bf16-x cells 1.08-1.36x (s33-h, s33-i). On Llama-3-8B the same with
#     f16 x gave 0.96-1.03x at 160, so this may not pay either.
# (3) Llama-3-8B's bf16-x q4_0 and affine formats at 257-320 on the 64-row tile (they took it at
#     129-192 in s33-i).
# (4) Shipped only: the 70B shard and GPT-2 at B = 160 and 300, each x type, four formats.
# Prediction (the thirty-third session's, revised in the thirty-fourth before the call): (1)
# 1.03-1.08x (the down kernel is about a third of the time and runs 256 rows for 160); (2)
# 0.97-1.15x, nearer the low end at 160 as on Llama-3-8B with f16 x; (3) 1.05-1.15x; (4) the
# shard's block formats below fp32 weights somewhere at 160 with fp32 x (its tiles are 128 rows).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
n=$(overlay bench/scripts/s34-next.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    for a in f32 f16 bf16; do
      RT=60 R l-$a-$v-$rep "" --shapes llama3-8b $A --acts $a --batch 160 --weights f32
    done
    RT=90 R qg16-$v-$rep "" --shapes qwen2.5-7b,gemma-2b $A --acts f16 --batch 160,300 \
      --weights f32,q8_0,q4_0,affine_q3
    RT=60 R lbf-$v-$rep "" --shapes llama3-8b $A --acts bf16 --batch 300 --weights f32,q4_0,affine_q3
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
for a in f32 f16 bf16; do
  RT=90 R sg-$a "" --shapes llama3-70b-tp8,gpt2 $A --acts $a --batch 160,300 \
    --weights f32,q8_0,q4_0,affine_q3
  T sg-$a
done
gpu_summary
