#!/bin/bash
# Twenty-ninth session, call 1 (H200): the cells of 16-bit activations that still take tiles
# tuned with fp32 x. (1) fp32 weights with f16 x at B = 128 and 256 (s28-final: 1003-1009 us at
# 128 against 749-751 with fp32 x; the s28 16-bit tile was 0.87x for them), flashmlp-tune
# --acts f16 over mma, the shipped choice timed in the same run. (2) f16 and q4_0 weights with
# f16 x at B = 48 (range 33-64, no at= entry), over mma and mmav. (3) the s28 16-bit tile
# against the shipped entries (tuned with fp32 x) at B = 1024 for every exact format but fp32,
# and at 4096 for f16 and q4_0, f16 x, one round.
# Prediction (written before the call): (1) 1.15-1.30x over the shipped entry at 128 and
# 1.05-1.15x at 256 (fp32 x's tiles took 749 us at 128); (2) 1.00-1.10x; (3) 1.10-1.30x at
# 1024 as at 512 (s28-acts16: 1.11-1.33x), 1.00-1.15x at 4096.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
T="strategy=mma mt=128 nt=112 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 na=0 hp=1 se=1"
tune() { local w=$1 bb=$2 s=$3 st=$4; shift 4
  timeout -s INT $((s + 40)) $b/flashmlp-tune --shape 4096x14336 --total-budget $s --batch $bb \
    --weights $w --acts f16 --strategies $st --out $o/ovl/$w-f16-b$bb.db "$@" > $o/tune-$w-f16-b$bb.log 2>&1
  echo "$w/f16 b$bb: $(grep -h "best" $o/tune-$w-f16-b$bb.log | tail -1 | grep -o "best [0-9.]* ms")"
  grep -h -A1 "^shape (formats)" $o/tune-$w-f16-b$bb.log | tail -1
}
{
tune f32 128 85 mma --try "$T iw=0"
tune f32 256 85 mma --try "$T iw=0"
tune q4_0 48 60 mma,mmav --try "$T iw=1"
tune f16 48 60 mma,mmav --try "$T iw=0"
} | tee $o/summary.txt
for w in f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  case $w in f16|bf16) iw=0 ;; *) iw=1 ;; esac
  RT=40 R k1-$w-entry "" --shapes llama3-8b --batch 1024 --weights $w --acts f16 --budget 0.1
  RT=40 R k1-$w-tile "$T iw=$iw" --shapes llama3-8b --batch 1024 --weights $w --acts f16 --budget 0.1
done
for w in f16 q4_0; do
  case $w in f16) iw=0 ;; *) iw=1 ;; esac
  RT=40 R k4-$w-entry "" --shapes llama3-8b --batch 4096 --weights $w --acts f16 --budget 0.1 --reps 5
  RT=40 R k4-$w-tile "$T iw=$iw" --shapes llama3-8b --batch 4096 --weights $w --acts f16 --budget 0.1 --reps 5
done
cat $o/summary.txt
gpu_summary
