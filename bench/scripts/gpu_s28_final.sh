#!/bin/bash
# Twenty-eighth session, call 8 (H200): the 16-bit activations' entries (bench/scripts/
# s28-acts16.db: call 7's tile, at=f16 and at=bf16, B = 65-128 and 129-512, every exact format
# but fp32) through the real lookup, as a user overlay (FLASHMLP_TUNING_DIR), against the
# shipped nvidia-h200.db without it, f16 and bf16 activations at B = 128 and 256 (and 80 for
# q4_0 and f16 with f16 x), one round; fp32 weights (entries unchanged) beside them.
# Prediction (written before the call): 1.10-1.45x at 256 for every format and both activation
# formats (call 7: 1.14-1.43x with f16 x, 1.13-1.23x with bf16 x), 1.15-1.35x at 128, 1.0-1.2x
# at 80.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
ov=$(mktemp -d); cp bench/scripts/s28-acts16.db $ov/
R ref-f32 "" --shapes llama3-8b --batch 128,256 --weights f32 --acts f16,bf16 --budget 0.15
for w in f16 q4_0; do
  R old80-$w "" --shapes llama3-8b --batch 80 --weights $w --acts f16 --budget 0.15
  FLASHMLP_TUNING_DIR=$ov R new80-$w "" --shapes llama3-8b --batch 80 --weights $w --acts f16 --budget 0.15
done
for w in f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  R old-$w "" --shapes llama3-8b --batch 128,256 --weights $w --acts f16,bf16 --budget 0.15
  FLASHMLP_TUNING_DIR=$ov R new-$w "" --shapes llama3-8b --batch 128,256 --weights $w --acts f16,bf16 --budget 0.15
done
gpu_summary
