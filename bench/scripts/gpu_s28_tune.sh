#!/bin/bash
# Twenty-eighth session, call 4 (H200): after x by vectors (s28-xw3), (1) fp32 at B=16 tuned
# again over mmav (flashmlp-tune 60 s; the shipped entry timed in the same run), since the x
# loads changed the kernel the entry was tuned on; (2) every format against fp32 at B = 128
# and 256 (issue 5's "no format slower than fp32", whose five failing cells were measured
# before this change: affine_q3 at 128-256, affine_q2/q4/q8 at 256), two rounds.
# Prediction (written before the call): (1) at most 1.03x over the shipped tile; (2) fp32 and
# the formats gained alike (1.01-1.03x in s28-xw3), so the same five cells stay behind, at
# 0.91-0.99x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
timeout -s INT 80 $b/flashmlp-tune --shape 4096x14336 --total-budget 60 --batch 16 \
  --weights f32 --strategies mmav --out $o/ovl/f32-b16.db \
  --try "strategy=mmav wg=2 kw=2 fm=2 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0" \
  --try "strategy=mmav wg=4 kw=2 fm=1 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0" \
  > $o/tune-f32-b16.log 2>&1
echo "f32 b16: $(grep -h "shipped databases choose" -A1 $o/tune-f32-b16.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-f32-b16.log | tail -1 | grep -o "best [0-9.]* ms")" | tee $o/summary.txt
for r in 1 2; do
  RT=200 R rec-$r "" --shapes llama3-8b --batch 128,256 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
done
cat $o/summary.txt
gpu_summary
