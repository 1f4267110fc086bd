#!/bin/bash
# Twenty-seventh session, call 9 (H200): 16-bit activations through the H200's own entries.
# Call 8 found f16 activations 1.6-1.8x slower than fp32 ones at B = 32-256 (f16 weights 326 /
# 2135 us against 206 / 1199): every nvidia-h200.db entry named at=f32, so f16 and bf16
# activations fell through to nvidia-sm_90.db's older tiles (108 of the 180 Llama-3-8B cells of
# --report-coverage, against 27 for fp32). The entries now leave `at` out; here f16 (and bf16)
# activations against fp32 ones on the same entries, one round.
# Prediction (written before the call): f16 activations within 0.95-1.05x of fp32 activations'
# time in every cell (x's bytes are small next to the weights'; the gate/up kernels with 16-bit
# x take one product fewer, G_X16), so 1.5-1.8x faster than call 8 at B = 32-256.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
RT=150 R acts-f32 "" --shapes llama3-8b --batch 1,16,32,256 --weights f32,f16,q4_0,affine_q3 --acts f32
RT=150 R acts-f16 "" --shapes llama3-8b --batch 1,16,32,256 --weights f32,f16,q4_0,affine_q3 --acts f16
RT=60 R acts-bf16 "" --shapes llama3-8b --batch 1,16,256 --weights f16 --acts bf16
gpu_summary
