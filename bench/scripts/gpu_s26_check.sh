#!/bin/bash
# Twenty-sixth session, call 7 (H200): the database's two new cells through the lookup (not
# overrides): q8_0 at B=256/512 on q4_0's tile, affine_q3 at B=128 with se=0; fp32 beside them.
# Prediction (written before the call): q8_0 1.37-1.39 / 2.47-2.50 ms, affine_q3 at 128 0.78-0.79
# ms; both at or ahead of fp32 (within 1% for affine_q3).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
RT=100 R check "" --shapes llama3-8b --batch 128,256,512 --weights f32,q8_0,affine_q3
gpu_summary
