#!/bin/bash
# Thirtieth session, call 1 (H200): f16 activations into mma's hp gate/up as they are (G_XRAW:
# no k-tile maxima, scales or conversions; fp32 and 16-bit weights accumulate straight into the
# totals, the block formats flush once a block instead of once a k-tile). (1) the new test and
# the hp tests on the tensor cores; (2) A/B in one build, -DFMLP_HP_XRAW=0 (the scaled path)
# against the default, two rounds alternating, shipped entries, Llama-3-8B, f16 x, B = 128 and
# 256 for every exact format, B = 48 and 1024 for fp32 and q4_0, bf16 x as a control (its
# kernel is the same in both builds). (The hp tests' other filters run in CI on the emulation.)
# Prediction (written before the call): (2) fp32 and 16-bit weights 1.03-1.08x faster at 128
# and 256 (the flush of 2 x 56 accumulators a k-tile and x's maxima gone); the block formats
# 1.04-1.10x (flushes a quarter as many, x staged as loaded); bf16 x level (+-2%). "No format
# slower than fp32" with f16 x: q4_0 level or ahead, affine_q3 still behind (0.85-0.92x).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
(cd $b/tests && timeout 150 ./test_ops --filter 'ops/mma_raw_f16_activations' > $o/tests.txt 2>&1)
T tests
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
XR0="-DFMLP_HP_XRAW=0"
FLASHMLP_BUILD_OPTIONS=$XR0 RT=150 R r1-scaled "" --shapes llama3-8b --batch 128,256 --weights $W --acts f16 --budget 0.1
RT=150 R r1-raw "" --shapes llama3-8b --batch 128,256 --weights $W --acts f16 --budget 0.1
T round1
FLASHMLP_BUILD_OPTIONS=$XR0 RT=60 R ends-scaled "" --shapes llama3-8b --batch 48,1024 --weights f32,q4_0 --acts f16 --budget 0.1 --reps 5
RT=60 R ends-raw "" --shapes llama3-8b --batch 48,1024 --weights f32,q4_0 --acts f16 --budget 0.1 --reps 5
T ends
FLASHMLP_BUILD_OPTIONS=$XR0 RT=60 R bf16x-scaled "" --shapes llama3-8b --batch 256 --weights f32,q4_0,affine_q3 --acts bf16 --budget 0.1
RT=60 R bf16x-raw "" --shapes llama3-8b --batch 256 --weights f32,q4_0,affine_q3 --acts bf16 --budget 0.1
T bf16x
FLASHMLP_BUILD_OPTIONS=$XR0 RT=100 R r2-scaled "" --shapes llama3-8b --batch 128,256 --weights $W --acts f16 --budget 0.1
RT=100 R r2-raw "" --shapes llama3-8b --batch 128,256 --weights $W --acts f16 --budget 0.1
T round2
grep -E "Synthesis|FAIL" $o/tests.txt
gpu_summary
