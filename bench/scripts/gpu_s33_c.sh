#!/bin/bash
# Thirty-third session, call 3 (H200). The idle-warp skip was removed after call 2 (s33-b: 3-9%
# slower at B=256 where no warp is idle, fp32 weights with bf16 x 1.35x slower at 160), so call
# 2's sweep ran on a slower build. This call runs the same sweep on the shipped kernels:
# Llama-3-8B, every weight format, each activation format, at B = 100, 200, 300, 700 and 1500,
# against fp32 weights in the same round; then flashmlp-tune on the fp32-x affine_q3 cell at
# B=100 (0.91x in call 2), mma only, 80 s.
# Prediction (before the call): with 16-bit x every format at or above fp32 weights (q8_0
# 1.10x, as s31-check), affine_q3 0.97-1.0x; with fp32 x affine_q3 0.93-0.97x at 100-200 and
# 700, the other affine formats 0.98-1.02x; bf16 x all above 1.2x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
A="--budget 0.08 --reps 3"
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for a in f16 f32 bf16; do
  RT=150 R sw-$a "" --shapes llama3-8b $A --acts $a --batch 100,200,300,700,1500 --weights $W
  T sw-$a
done
timeout 110 $b/flashmlp-tune --shape 4096x14336 --weights affine_q3 --batch 100 --strategies mma \
  --budget 80 --reps 5 --out $o/tune-q3-100.db > $o/tune-q3-100.log 2>&1
T tune
gpu_summary
