#!/bin/bash
# Thirty-eighth session, first call: an nvidia-h200-x2 machine, its two cards used side by side
# (FLASHMLP_DEVICE=0:0 and 0:1; each part writes its own folder, each folder its own gpu.txt).
# Card 0: gpu_s38_next.sh (s37-h's entries through the file; candidates for the fp32-x cells
#   left below fp32 weights on Qwen, Gemma and the shard), then Llama-3-8B's exact affine_q3 at
#   B=256 and 600 (0.95-0.97x of fp32 weights in s36-g, the one Llama cell of issue 5's "no
#   format slower than fp32"): candidates as overrides against the shipped lookup, two rounds,
#   and on card 1 after its part, a tune of that cell (mma only) in the time left.
# Card 1: gpu_s38_relu_formats.sh (the ReLU MLP's formats, never tuned on the H200).
# Predictions, written before the call:
# - next: s37-h's entries within 3% of their override times; Qwen fp32 on G 1.1-1.3x at 48/64;
#   f16/bf16 on G0 or F2 1.05-1.2x at Qwen 48/64, level at Gemma 48; the shard's f16/bf16 on H2
#   1.05-1.15x at 80/128.
# - affine_q3: at 600 T3 1.03-1.06x over the shipped (F2-like) tile, which takes it to ~1.0x of
#   fp32 weights; at 256 the shipped tile (T3 with splits=4) stays within 2% of the best
#   candidate; the tune finds 1.02-1.08x at 256.
# - relu formats: the best candidate 1.1-1.4x over the shipped tile in most cells (those tiles
#   have no hp), and every format at or above fp32 weights at 80-4096.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
S0=$(date +%s); mkdir -p $o/next $o/q3 $o/relu
gpu_header
$b/flashmlp devices > $o/devices.txt 2>&1
(
  export FLASHMLP_DEVICE=0:0
  RT=150 timeout 250 bash $d/gpu_s38_next.sh $o/next > $o/next/summary.txt 2>&1
  o=$o/q3; gpu_header; unset FLASHMLP_TUNING_DIR; T start
  TBi="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
  T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
  T3s2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
  F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
  a="--shapes llama3-8b --batch 256,600 --weights affine_q3 --budget 0.2 --reps 7"
  for r in 1 2; do
    R old$r "" $a --weights f32,affine_q3
    R TBi$r "$TBi" $a; R T3$r "$T3" $a; R T3s2$r "$T3s2" $a; R F2$r "$F2" $a
  done
  T cands
  gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1
  RT=200 timeout 400 bash $d/gpu_s38_relu_formats.sh $o/relu > $o/relu/summary.txt 2>&1
  left=$((S0 + 520 - $(date +%s)))
  if [ $left -gt 60 ]; then
    timeout -s INT -k 20 $left $b/flashmlp-tune --shape 4096x14336 --weights affine_q3 --batch 256,600 \
      --strategies mma --budget $(((left - 60) / 2)) --out $o/q3/tune.db > $o/q3/tune.log 2>&1
  fi
  echo "tune: left $left s, rc $?" > $o/q3/tune.txt
) &
wait
for p in next q3 relu; do echo "== $p"; cat $o/$p/summary.txt $o/$p/tune.txt 2>/dev/null | grep -v '^[0-9]* ' | cut -c1-900; done
