#!/bin/bash
# Twenty-eighth session, call 3 (H200): x by vectors, third form: chosen when the program is
# built (FMLP_XW_OK: H a multiple of 4, buffers on 16 bytes), no test and no branch at the
# loads; fmlp_forward copies x whose offset is not a multiple of 4 elements. Call 1 tested the
# address (x lost ld.global.nc), call 2 the indices (a branch around each load: fp32 B=16
# 1.05x, but 16-bit x 0.79-1.00x and affine_q3 0.90x). Same build, A/B with -DFMLP_XW=0
# (element loads), two rounds alternating; PTX load kinds per program.
# Prediction (written before the call): fp32 B=16 1.04-1.06x (as call 2); 16-bit activations
# 1.02-1.10x at B = 16-256 (no longer below 1.0); every fp32-activation cell of call 2 that
# lost (q4_0 at 8-16, affine_q3 at 8-16) level or better; B=1 level.
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
gpu_ptx_loads $o/cache-xw0 $o/cache-xw1 > $o/ptx-loads.txt
grep -c "ld.global.[uvf]" $o/ptx-loads.txt
gpu_summary
