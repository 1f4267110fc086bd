#!/bin/bash
# Twenty-seventh session, call 1 (H200): mmav with fp16 pairs (hp=1, built this session): the
# f16 m16n8k16 instruction, 16 inputs a step where 3xTF32 takes two m16n8k8 steps, so half the
# tensor-core instructions of the weight stream at B = 2-32. First the hp tests on the tensor
# cores (mma_fp16_pairs_*: mma and mmav, emulated and native), then the shipped entries against
# the same entries with hp=1 (fp32 B=16's entry has dku=1: hp needs an even dku, so dku=2 with
# and without hp), two rounds alternating for fp32 B=16, one for the others; then the tuner over mmav with hp in its space.
# Prediction (written before the call): fp32 B=16 201-204 -> 180-190 us (gate/up's 45-50 us of
# tensor-core work halved, the loads not overlapping it), B=32 1.08-1.15x, B=4-8 1.02-1.06x;
# f16/bf16 B=16 1.05-1.12x; the tuner finds an hp tile at or below 185 us for fp32 B=16.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
(cd $b/tests && timeout 150 ./test_ops --filter 'ops/mma_fp16_pairs*' > $o/tests.txt 2>&1
 echo "rc=$?" >> $o/tests.txt)
tail -2 $o/tests.txt
for r in 1 2; do
  R f32-b16-entry$r "" --shapes llama3-8b --batch 16 --weights f32
  R f32-b16-dku2-$r "dku=2" --shapes llama3-8b --batch 16 --weights f32
  R f32-b16-hp$r "hp=1 dku=2" --shapes llama3-8b --batch 16 --weights f32
  R f32-b16-hpnodpf$r "hp=1 dku=2 dpf=0" --shapes llama3-8b --batch 16 --weights f32
  [ $r = 2 ] && break
  RT=90 R small-entry "" --shapes llama3-8b --batch 4,8,32 --weights f32
  RT=90 R small-hp "hp=1" --shapes llama3-8b --batch 4,8,32 --weights f32
  RT=90 R h16-entry "" --shapes llama3-8b --batch 4,16,32 --weights f16,bf16
  RT=90 R h16-hp "hp=1" --shapes llama3-8b --batch 4,16,32 --weights f16,bf16
done
mkdir -p $o/ovl
for c in f32:16 f16:16; do
  wt=${c%:*}; bb=${c#*:}
  timeout -s INT 75 $b/flashmlp-tune --shape 4096x14336 --total-budget 60 --batch $bb \
    --weights $wt --strategies mmav --out $o/ovl/$wt-b$bb.db \
    --try "strategy=mmav wg=2 kw=2 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=2 dpf=1 splits=4 hp=1" \
    --try "strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=1 dwg=8 dkw=8 dfb=2 dku=4 splits=4 hp=1" \
    > $o/tune-$wt-b$bb.log 2>&1
  echo "$wt b$bb: $(grep -h "shipped databases choose" -A1 $o/tune-$wt-b$bb.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-$wt-b$bb.log | tail -1)" | tee -a $o/summary.txt
done
gpu_summary
