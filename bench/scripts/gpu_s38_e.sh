#!/bin/bash
# Thirty-eighth session, fifth call: an nvidia-h200-x2 machine, both cards side by side.
# Issue 5's last Llama-3-8B cells at or below fp32 weights (s38-d): exact affine_q3 at B=256
# (0.96x) and affine_q2 (0.995x). Card 0: a tune of affine_q3 at 256 alone (mma, 280 s; s38-a's
# tune shared 228 s between 256 and 600 and found nothing past the shipped tile at 256). Card 1:
# s38-d's Gemma entries through the file (48/64), then a tune of affine_q2 at 256 (250 s).
# Prediction: affine_q3 1.00-1.03x over the shipped tile (not enough to pass fp32 weights);
# affine_q2 1.02-1.06x; Gemma within 3% of s38-d's overrides.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/q3 $o/q2 $o/file
gpu_header
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/q3; gpu_header; T start
  timeout -s INT -k 20 330 $b/flashmlp-tune --shape 4096x14336 --weights affine_q3 --batch 256 \
    --strategies mma --budget 280 --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o1=$o; o=$o1/file; gpu_header; T start
  R gemma "" --shapes gemma-2b --batch 48,64 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 \
    --budget 0.1 --reps 5
  T file; gpu_summary > $o/summary.txt
  o=$o1/q2; gpu_header; T start
  timeout -s INT -k 20 290 $b/flashmlp-tune --shape 4096x14336 --weights affine_q2 --batch 256 \
    --strategies mma --budget 240 --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
wait
cat $o/file/summary.txt | grep -v '^NVIDIA'
for p in q3 q2; do echo "== $p"; grep '^# B=\|^entry' $o/$p/tune.db; tail -n 3 $o/$p/tune.log; done
