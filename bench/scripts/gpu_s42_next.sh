#!/bin/bash
# Prepared in the forty-first session for the next call (an nvidia-h200-x2 machine, ~450 s), not
# yet run. Revise the prediction before the call.
# The cells the forty-first session left behind fp32 weights (bench/results/2026-11-29-h200-s41-b
# and -d, through the file, fp32 in the same run):
#   the Llama-3-8B ReLU MLP: affine_q8 at 16 (0.87x) and 32 (0.69x), q4_0 at 32 (0.96x);
#   Qwen2.5-7B: affine_q3 at 16 (0.93x; affine_q4 level) after s41-b's fp32 entry;
#   Gemma-2B: affine_q8 at 16 (0.93x) after s41-b's fp32 entry;
#   and Qwen2.5-7B's affine_q8 at 1 (108.9 us, 2.3x its floor; affine_q4 64.7) and 16, tuned 3 s
#   and not at all in s41-c.
# s41-a/c's tunes gave those cells 1-13 s (the --total-budget starvation fixed after them), so
# they were never searched. Each gets its own tune now, with the tiles that won next to it as
# --try: the iw=1 tiles of the ReLU MLP's affine_q2/q3 and of SwiGLU's affine_q8 (TRY16, TRY32).
# Splice with: tuning/splice.py tuning/nvidia-h200.db <tune.db> --tag s42-a --min-gain 1.03
# Prediction: ReLU affine_q8 1.2-1.6x at 16 and 32 (ahead of fp32 after), q4_0 at 32 1.00-1.08x;
# Qwen affine_q3 and Gemma affine_q8 at 16 1.05-1.15x (ahead of fp32 after); Qwen affine_q8 at
# 1 1.3-1.6x (to 65-80 us).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
TRY16="strategy=mmav wg=4 kw=4 fm=4 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=0 na=0 hp=0 dhp=0"
TRY32="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 splits=4 iw=1 wl=0 na=0 hp=0 dhp=0"
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=${CA:-0:0}; unset FLASHMLP_TUNING_DIR; o=$o/c0; gpu_header; T start
  timeout -s INT -k 20 250 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu \
    --weights affine_q8,q4_0 --batch 16,32 --try "$TRY16" --try "$TRY32" --total-budget 230 \
    --out $o/relu.db > $o/relu.log 2>&1
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/relu.db) R relu "" --shapes llama3-8b --ops relu --batch 16,32 \
    --budget 0.1 --reps 5 --weights f32,affine_q8,q4_0
  T file; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=${CB:-0:1}; unset FLASHMLP_TUNING_DIR; o=$o/c1; gpu_header; T start
  timeout -s INT -k 20 150 $b/flashmlp-tune --shape 3584x18944 --weights affine_q3,affine_q4 \
    --batch 16 --try "$TRY16" --total-budget 130 --out $o/qwen.db > $o/qwen.log 2>&1
  timeout -s INT -k 20 120 $b/flashmlp-tune --shape 3584x18944 --weights affine_q8 \
    --batch 1,16 --try "$TRY16" --total-budget 100 --out $o/qwen8.db > $o/qwen8.log 2>&1
  timeout -s INT -k 20 100 $b/flashmlp-tune --shape 2048x16384 --act gelu_tanh --weights affine_q8 \
    --batch 16 --try "$TRY16" --total-budget 80 --out $o/gemma.db > $o/gemma.log 2>&1
  T tune
) &
wait
cat $o/c0/times.txt $o/c1/times.txt
for f in $o/c0/relu $o/c1/qwen $o/c1/qwen8 $o/c1/gemma; do echo "== $f"; grep '^# B=' $f.db; tail -n 2 $f.log; done
