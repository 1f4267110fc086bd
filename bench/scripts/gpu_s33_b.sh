#!/bin/bash
# Thirty-third session, call 2 (H200). (1) A/B of the mma kernels' idle-warp skip
# (MMA_IDLE_SKIP, cl/mlp_mma.cl): one build, FLASHMLP_BUILD_OPTIONS=-DFMLP_IDLE_SKIP=0 against
# the default, alternating, two rounds each, at batches that are not multiples of the entries'
# batch tiles (160, 600) and at one that is (256). (2) With the skip: Llama-3-8B, every weight
# format, each activation format, at B = 100, 200, 300, 700 and 1500, none of which any record
# has measured, against fp32 weights in the same round.
# Prediction (before the call): (1) B=160 on the block formats' mt=128 entries (two batch
# tiles, the second a quarter full) 1.15-1.25x; fp32 weights with 16-bit x (mt=64, the third tile
# half full) 1.03-1.08x; fp32 x at 160 1.05-1.15x; B=600 (mt=128: the fifth tile 88 of 128 rows,
# one warp row of four idle) 1.01-1.05x; B=256 level (within 1%). (2) Every format at or above
# fp32 weights with 16-bit x, except affine_q3 near 0.97-1.0x; with fp32 x affine_q3 0.95x
# at 200-300.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for sk in 0 1; do
    export FLASHMLP_BUILD_OPTIONS=-DFMLP_IDLE_SKIP=$sk
    RT=90 R q-$sk-$rep "" --shapes qwen2.5-7b $A --acts bf16 --batch 160 \
      --weights f32,q8_0,q4_0,affine_q3
    RT=90 R l16-$sk-$rep "" --shapes llama3-8b $A --acts f16 --batch 160,256,600 \
      --weights f32,q4_0,affine_q3
    RT=60 R l32-$sk-$rep "" --shapes llama3-8b $A --acts f32 --batch 160 --weights f32,affine_q3
    unset FLASHMLP_BUILD_OPTIONS
    T ab-$sk-$rep
  done
done
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for a in f16 bf16 f32; do
  RT=150 R sw-$a "" --shapes llama3-8b $A --acts $a --batch 100,200,300,700,1500 --weights $W
  T sw-$a
done
gpu_summary
