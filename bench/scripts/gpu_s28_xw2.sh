#!/bin/bash
# Twenty-eighth session, call 2 (H200): x by vectors, second form. Call 1 (s28-xw) tested the
# address (x turned into an integer): fp32 B=16 200.5 -> 190.6 us (1.05x), but 16-bit x lost
# the read-only path, every x load became ld.global instead of ld.global.nc in NVIDIA's PTX,
# and f16 / bf16 activations went 1.15-1.8x slower. Now the test is on the indices (x_off +
# index, a multiple of 4: buffers start on 16 bytes at least), x stays a pointer. Same build,
# A/B with -DFMLP_XW=0 (element loads), two rounds alternating; PTX load kinds per program.
# Prediction (written before the call): the PTX keeps ld.global.nc for x (v4.f32 for fp32,
# u64 or v2.u32 for 16-bit); fp32 activations 1.04-1.08x at B = 8-16 for every weight format
# (mmav), level (+-2%) at B = 1 and 256; 16-bit activations 1.03-1.15x at B = 16-256.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  for v in 0 1; do
    export FLASHMLP_CACHE_DIR=$o/cache-xw$v
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R xw$v-f16-$r "" --shapes llama3-8b \
      --batch 16,32,256 --weights f16,q4_0 --acts f16
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R xw$v-f32-$r "" --shapes llama3-8b \
      --batch 1,8,16,64,256 --weights f32
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R xw$v-fmt-$r "" --shapes llama3-8b \
      --batch 8,16 --weights f16,q8_0,q4_0,affine_q3
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=60 R xw$v-bf16-$r "" --shapes llama3-8b \
      --batch 32 --weights bf16 --acts bf16
  done
done
unset FLASHMLP_CACHE_DIR
# the loads in the PTX, by kind, per program and build (x's are the 2-byte or 8-byte ones for
# 16-bit activations, and 4- or 16-byte ones for fp32)
gpu_ptx_loads $o/cache-xw0 $o/cache-xw1 > $o/ptx-loads.txt
grep -c "ld.global.[uvf]" $o/ptx-loads.txt
gpu_summary
