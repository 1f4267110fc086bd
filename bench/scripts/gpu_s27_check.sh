#!/bin/bash
# Twenty-seventh session, call 4 (H200): nvidia-h200.db's new f16 entries through the lookup
# (B=9-16: hp=1 dhp=0; B=17-32: hp=1 dhp=1) with bf16 and f32 beside them, two rounds; then
# flashmlp-tune over mmav (hp and dhp in its space) for f16 at B=4, 8 and 16, 60 s each, the
# shipped choice timed in the same run.
# Prediction (written before the call): f16 B=16 135-139 us (139-141 before), B=32 204-208
# (219-221 before); the tuner 1.00-1.05x at B=4-8 (gate/up's hp alone), none at 16.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  RT=90 R check$r "" --shapes llama3-8b --batch 16,32 --weights f16,bf16,f32
done
mkdir -p $o/ovl
for bb in 4 8 16; do
  timeout -s INT 75 $b/flashmlp-tune --shape 4096x14336 --total-budget 60 --batch $bb \
    --weights f16 --strategies mmav --out $o/ovl/f16-b$bb.db \
    --try "strategy=mmav wg=4 kw=4 fm=1 fb=1 ku=1 dwg=8 dkw=4 dfb=1 dku=4 dpf=1 splits=8 hp=1 dhp=0" \
    --try "strategy=mmav wg=4 kw=4 fm=2 fb=1 ku=2 dwg=8 dkw=4 dfb=1 dku=4 dpf=1 splits=8 hp=1 dhp=0" \
    > $o/tune-f16-b$bb.log 2>&1
  echo "f16 b$bb: $(grep -h "shipped databases choose" -A1 $o/tune-f16-b$bb.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-f16-b$bb.log | tail -1)" | tee -a $o/summary.txt
done
gpu_summary
