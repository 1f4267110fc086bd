#!/bin/bash
# Twenty-sixth session, call 4 (H200): the record of issue 5's "no format slower than fp32" at the
# batches the hp tensor-core kernels serve, on the HP_SCE build: every format and fp32, shipped
# entries, Llama-3-8B SwiGLU, B = 64, 128, 256, 512, 1024, 4096, every row checked; then
# affine_q3 and fp32 at 256 and 4096 once more (affine_q3's B >= 2049 entry was never in a
# record).
# Prediction (written before the call): within 3% of s25-record, the iw formats 1-3% faster at 64;
# affine_q3 behind fp32 at 256 (0.91-0.93x) and ahead at 4096 (1.05-1.08x); the other cells level
# with or ahead of fp32, those within 2% either way.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=420 R record "" --shapes llama3-8b --batch 64,128,256,512,1024,4096 --weights $W
RT=100 R again "" --shapes llama3-8b --batch 256,4096 --weights f32,affine_q3
gpu_summary
