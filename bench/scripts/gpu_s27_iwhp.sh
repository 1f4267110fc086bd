#!/bin/bash
# Twenty-seventh session, call 6 (H200): mmav's hp for the block formats (iw=1, gate/up only):
# the fields as f16 integers (no conversions, as f16 weights go in as loaded) against x in fp16
# pairs, two m16n8k16 products where the tf32 path takes four m16n8k8. The shipped entries with
# hp=1 against the same entries (plans whose tiles have iw=0 map hp to 0), two rounds at B=16
# and 32, one at B=8; then the tests of mmav's iw (emulated and native) on the card.
# Prediction (written before the call): gate/up 1.03-1.08x as f16's (s27-split), the MLP
# 1.02-1.05x at B=16-32; B=8 level.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
F=q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8
for r in 1 2; do
  RT=120 R entry$r "" --shapes llama3-8b --batch 16,32 --weights $F
  RT=120 R hp$r "hp=1" --shapes llama3-8b --batch 16,32 --weights $F
done
RT=100 R entry-b8 "" --shapes llama3-8b --batch 8 --weights $F
RT=100 R hp-b8 "hp=1" --shapes llama3-8b --batch 8 --weights $F
(cd $b/tests && timeout 100 ./test_ops --filter 'ops/mmav_integer_weights' > $o/tests.txt 2>&1
 echo "rc=$?" >> $o/tests.txt)
tail -2 $o/tests.txt
gpu_summary
