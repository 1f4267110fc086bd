#!/bin/bash
# Twenty-eighth session, call 6 (H200): (1) B=1 with x by vectors against element loads
# (-DFMLP_XW=0, same build, two rounds alternating): the stream kernel stages x through
# fmlp_x4 for every format, the int8 plans quantizing it in the kernel; call 3 measured fp32
# only. (2) 16-bit activations at B=256 tuned for themselves: every nvidia-h200.db entry was
# tuned with fp32 x, and q4_0 with f16 x takes 1.16x q4_0 with fp32 x there (s27-acts, s28-xw3:
# 1665-1677 us against 1317-1319 in s28-tune). flashmlp-tune --acts f16, 60 s each, mma, for
# q4_0 and f16 weights, the shipped choice timed in the same run.
# Prediction (written before the call): (1) every B=1 cell level (+-1.5%); (2) tiles 1.00-1.08x
# over the shipped ones (x's local bytes are halved by G_X16, which the fp32-x tiles did not
# use).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  for v in 0 1; do
    FLASHMLP_BUILD_OPTIONS=-DFMLP_XW=$v RT=120 R b1-xw$v-$r "" --shapes llama3-8b --batch 1 \
      --weights f16,q8_0,q4_0,affine_q2,affine_q3 --precision exact,int8
  done
done
mkdir -p $o/ovl
for w in q4_0 f16; do
  timeout -s INT 85 $b/flashmlp-tune --shape 4096x14336 --total-budget 60 --batch 256 \
    --weights $w --acts f16 --strategies mma --out $o/ovl/$w-f16-b256.db > $o/tune-$w-f16-b256.log 2>&1
  echo "$w/f16 b256: $(grep -h "best" $o/tune-$w-f16-b256.log | tail -1 | grep -o "best [0-9.]* ms")"
  grep -h -A2 "^shape (formats)" $o/tune-$w-f16-b256.log
done | tee $o/summary.txt
gpu_summary
