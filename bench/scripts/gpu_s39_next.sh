#!/bin/bash
# Prepared in the thirty-eighth session for the next call on an nvidia-h200-x2 machine, not yet
# run; ~250 s on each card. Revise the prediction before the call.
# Card 0: s38-f's entries through the file (Llama-3-8B f16/bf16 at 48/64 on F2, GPT-2's at 48/128
#   and the shard's at 48/64 on G0), then GPT-2's f16/bf16 at B = 160-1024, still on the 64x64
#   hp=0 tile (0.82x of fp32 weights at 256): G0 and F2 as overrides.
# Card 1: the ReLU MLP's formats left below fp32 weights at 80-256 (affine_q3 0.93-0.97x, bf16,
#   q8_0, affine_q4 at 256 0.93-0.96x): a tune of affine_q3 at 256 (mma), then the shard's
#   f16/bf16 at 128 (0.96-0.98x on G0) against A65 and F2.
# Prediction (to be revised): s38-f's entries within 3%; GPT-2 f16/bf16 on G0 1.1-1.3x at
# 160-300 (GPT-2's fp32 took G to 256), level at 1024; the ReLU tune 1.02-1.06x; the shard level.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/a $o/b
gpu_header
G0="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
A65="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1"
a="--budget 0.1 --reps 5"
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/a; gpu_header; T start
  R llama "" --shapes llama3-8b --batch 48,64 --weights f32,f16,bf16 $a
  R gpt2 "" --shapes gpt2 --batch 48,128,160,256,300,1024 --weights f32,f16,bf16 $a
  R shard "" --shapes llama3-70b-tp8 --batch 48,64,128 --weights f32,f16,bf16 $a
  R gpt2-G0 "$G0" --shapes gpt2 --batch 160,256,300,1024 --weights f16,bf16 $a
  R gpt2-F2 "$F2" --shapes gpt2 --batch 160,256,300,1024 --weights f16,bf16 $a
  T end; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/b; gpu_header; T start
  timeout -s INT -k 20 200 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu \
    --weights affine_q3 --batch 256 --strategies mma --budget 170 --out $o/tune.db > $o/tune.log 2>&1
  T tune
  R shard-A65 "$A65" --shapes llama3-70b-tp8 --batch 128 --weights f16,bf16 $a
  R shard-F2 "$F2" --shapes llama3-70b-tp8 --batch 128 --weights f16,bf16 $a
  R shard-old "" --shapes llama3-70b-tp8 --batch 128 --weights f32,f16,bf16 $a
  T end; gpu_summary > $o/summary.txt
) &
wait
for p in a b; do grep -v '^NVIDIA' $o/$p/summary.txt; done
grep '^# B=\|^entry' $o/b/tune.db
