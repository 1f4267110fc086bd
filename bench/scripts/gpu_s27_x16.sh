#!/bin/bash
# Twenty-seventh session, call 8 (H200): x in f16 or bf16 goes into the hp gate/up kernels (mma,
# mmav) as one f16 a value: no lo words staged, no products of them (one product instead of two
# for f16, bf16 and the block formats' fields, two instead of three for fp32 weights). One
# build, FLASHMLP_BUILD_OPTIONS=-DHP_XLO=1 (the pairs, as before) against the default, two
# rounds alternating, f16 activations (and bf16 for f16 weights at 256), the shipped entries.
# Prediction (written before the call): B=256 f16 weights 1.08-1.15x, fp32 1.05-1.10x, q4_0
# 1.05-1.12x; B=32 (mmav, f16's hp entry) 1.02-1.05x, fp32 and q4_0 there level (no hp).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  FLASHMLP_BUILD_OPTIONS=-DHP_XLO=1 RT=100 R xlo-$r "" --shapes llama3-8b --batch 32,256 \
    --weights f16,f32,q4_0 --acts f16
  RT=100 R x16-$r "" --shapes llama3-8b --batch 32,256 --weights f16,f32,q4_0 --acts f16
done
FLASHMLP_BUILD_OPTIONS=-DHP_XLO=1 R xlo-bf "" --shapes llama3-8b --batch 256 --weights f16 --acts bf16
R x16-bf "" --shapes llama3-8b --batch 256 --weights f16 --acts bf16
gpu_summary
