#!/bin/bash
# Twenty-fourth session, call 5 (H200). Call 4 (s24-check): with fp32 on hp tiles, the exact
# block formats (mma iw=1, tf32 products) fell behind fp32 at B = 64-256 and 4096 (0.80-0.96x)
# and f16/bf16 at 128, 256 (and f16 at 4096). hp=1 now takes f16 weights (exact in f16: two
# f16 products), bf16 (row scales and pairs: three) and the block formats' fields with iw=1
# (exact in f16: two). The shipped entries with the key hp=1 against without, B = 64, 128, 256,
# 1024, 4096, every exact format and f32, one round each.
# Prediction: block formats and f16 1.15-1.35x, bf16 1.05-1.25x; every format at or ahead of
# fp32 (its hp tiles) at 128-4096; at 64 the block formats level with fp32 (their tiles are
# 3xTF32's).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
B="--batch 64,128,256,1024,4096"
W="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=240 R fmt-hp1 "hp=1" --shapes llama3-8b $B --weights $W
RT=240 R fmt-hp0 "hp=0" --shapes llama3-8b $B --weights ${W#f32,}
gpu_summary
