#!/bin/bash
# Twenty-third session, call 3 (H200). The shipped nvidia-h200.db now runs fp32 at B = 17-32 on
# the tuned tile F (268.8/271.3/280.9 us in call 2) and every exact block format on Q (call 2:
# all ahead of F but affine_q8 at B=32, 286.5 against 280.9). (1) flashmlp-tune for exact
# affine_q8 at B=32 (mmav, 100 s) from the seeds and forms of Q; (2) every format, exact and
# int8, and f16/bf16 at B = 17, 24, 32 on the shipped databases, two rounds, to check issue 5's
# "no format slower than fp32" over B = 17-32 on this build.
# Prediction: (1) affine_q8 1.00-1.04x over Q at 32 (286 -> 275-286 us), level with fp32;
# (2) every other row ahead of fp32 by 2-25% (int8 and f16/bf16 by 15-25%).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
Q="wg=4 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 iw=1 wl=0"
timeout -s INT 150 $b/flashmlp-tune --shape 4096x14336 --total-budget 100 --batch 32 \
  --weights affine_q8 --strategies mmav --out $o/ovl/q8-b32.db \
  --try "strategy=mmav $Q splits=4 na=1" --try "strategy=mmav $Q splits=8 na=0" \
  --try "strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 splits=4 iw=1 wl=0" \
  --try "strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=1 na=2" \
  > $o/tune-q8-b32.log 2>&1
PQ8=$(grep -h "^entry" $o/ovl/q8-b32.db 2>/dev/null | head -1 | grep -o "strategy=.*")
echo "q8-b32: $PQ8"
L="--shapes llama3-8b --batch 17,24,32"
E="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
I="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
for r in 1 2; do
  R exact-r$r "" $L --weights $E
  R int8-r$r "" $L --weights $I --precision int8
  [ -n "$PQ8" ] && R q8t-r$r "$PQ8" $L --weights affine_q8
done
grep -h 'n/a\|FAIL' $o/*-r1.log | head -8
gpu_summary
