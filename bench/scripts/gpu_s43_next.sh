#!/bin/bash
# Prepared in the forty-second session for the next call (an nvidia-h200-x4 machine, ~480 s). The
# forty-third session ran its Qwen2.5-7B and Gemma-2B parts (s43-a) and GPT-2's (s43-c, -e);
# gpu_s44_next.sh holds the rest. Kept as prepared, not
# yet run. Revise the prediction before the call.
# The fp32-x cells still on arch entries (bench/results/2026-11-29-coverage-after-s42): the block
# formats at B = 4 and 5-8 on Qwen2.5-7B and Gemma-2B (the tuned B=4 winners were 4-row stream
# tiles whose entries stop at 4), q4_0 at 16 on both, the shard's affine formats at 8, and GPT-2's
# cells at 8 and its fp32 at 16 (27.2 us against 22.8 at 32 in bursts, s42-d). With the
# forty-second session's tuner change, --uncovered ranges stop short of batches that have an
# entry, so --batch 8 writes at most 5-8 and needs no hand edit before splicing.
# Splice with: tuning/splice.py tuning/nvidia-h200.db <tune.db> --tag s43-a --min-gain 1.03
# s42-e then tuned Qwen2.5-7B's and Gemma-2B's block formats at 8 (1.00-1.18x; 5 entries): their
# --uncovered buckets at 8 now find fewer cells.
# Prediction: 1.0-1.2x at 4, 8 and 16 on Qwen2.5-7B and Gemma-2B (s42-e's 1.00-1.18x at 8);
# GPT-2 within its noise except fp32 at 16 (1.1-1.2x).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
BF=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1 $o/c2 $o/c3
gpu_header
part() { # card dir name shape bench-shape batches budget tune-args...
  local c=$1 p=$2 n=$3 s=$4 bs=$5 bl=$6 t=$7; shift 7
  (
    export FLASHMLP_DEVICE=$c; unset FLASHMLP_TUNING_DIR; o=$o/$p; gpu_header; T start
    timeout -s INT -k 20 $((t + 20)) $b/flashmlp-tune --shape $s "$@" --batch $bl --uncovered \
      --total-budget $t --out $o/$n.db > $o/$n.log 2>&1
    T tune
    FLASHMLP_TUNING_DIR=$(overlay $o/$n.db) RT=120 R overlay "" --shapes $bs --batch $bl \
      --budget 0.1 --reps 5 --weights f32,$BF
    T overlay; gpu_summary > $o/summary.txt
  ) &
}
part 0:0 c0 qwen 3584x18944 qwen2.5-7b 4,8,16 400 --weights $BF
part 0:1 c1 gemma 2048x16384 gemma-2b 4,8,16 400 --act gelu_tanh --weights $BF
part 0:2 c2 shard 8192x3584 llama3-70b-tp8 8,32 400 --weights f32,$BF
(
  export FLASHMLP_DEVICE=0:3; unset FLASHMLP_TUNING_DIR; o=$o/c3; gpu_header; T start
  timeout -s INT -k 20 120 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights f32 --batch 16 --total-budget 100 --out $o/gpt2f32.db > $o/gpt2f32.log 2>&1
  timeout -s INT -k 20 300 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights f32,f16,bf16,$BF --batch 8 --uncovered --total-budget 280 --out $o/gpt2.db > $o/gpt2.log 2>&1
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/gpt2f32.db $o/gpt2.db) R overlay "" --shapes gpt2 --batch 8,16,32 \
    --budget 0.2 --reps 7 --burst 20 --weights f32,f16,bf16,$BF
  T overlay; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1 c2 c3; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
for f in $o/c0/qwen $o/c1/gemma $o/c2/shard $o/c3/gpt2f32 $o/c3/gpt2; do
  echo "== $f"; grep '^# B=' $f.db | sed 's/generic (.*shipped/shipped/'; tail -n 1 $f.log; done
