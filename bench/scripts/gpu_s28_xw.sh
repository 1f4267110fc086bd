#!/bin/bash
# Twenty-eighth session, call 1 (H200): x loaded by vectors (FMLP_XW, formats.cl fmlp_x4).
# fmlp_x4 read x through vload4 / vload_half4 / four ushort loads, which may assume element
# alignment only (the caller's offset is any multiple of the element size); NVIDIA's compiler
# turns vload_half4 from global memory into four 2-byte loads (the weights' own comment in
# formats.cl says so), and x staging in mma's gate/up is as many values as the weights' at
# B = 256. Now one 16- or 8-byte load where the address is aligned. Same build, A/B with
# -DFMLP_XW=0 (the old loads), two rounds alternating; the programs' PTX (the disk cache's
# entries) kept for each build to read the x loads.
# Prediction (written before the call): 16-bit activations 1.05-1.20x faster at B = 16-256
# (the 1.04-1.25x gate/up gap to fp32 x of s27-actsprof mostly closed); fp32 activations level
# if NVIDIA's vload4 already was a 16-byte load (the PTX says), else 1-4% faster, B=1 included.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  for v in 0 1; do
    export FLASHMLP_CACHE_DIR=$o/cache-xw$v
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R xw$v-f16-$r "" --shapes llama3-8b \
      --batch 16,32,256 --weights f16,q4_0 --acts f16
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R xw$v-f32-$r "" --shapes llama3-8b \
      --batch 1,16,256 --weights f32
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=60 R xw$v-bf16-$r "" --shapes llama3-8b \
      --batch 32 --weights bf16 --acts bf16
  done
done
unset FLASHMLP_CACHE_DIR
# the loads in the PTX, by kind, per program and build (x's are the 2-byte or 8-byte ones for
# 16-bit activations, and 4- or 16-byte ones for fp32)
gpu_ptx_loads $o/cache-xw0 $o/cache-xw1 > $o/ptx-loads.txt
cat $o/ptx-loads.txt | head -40
gpu_summary
