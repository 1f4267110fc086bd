#!/bin/bash
# Forty-second session, call s42-c (an nvidia-h200-x4 machine, ~330 s), written before the call.
# c0 (0:0): s42-b's 42 entries through the file (spliced in this commit, B=2-4 edited to B=2):
#   the shard and GPT-2 in fp32 and the affine formats at 1, 2, 4, 16, 32 and their other
#   formats at 2; Qwen2.5-7B and Gemma-2B in five formats at 2; the ReLU MLP's q8_0 at 2.
# c1, c2, c3: the affine formats at B=2, which s42-b left on the arch entries (the shard's
#   affine_q2 129.7 us at B=2 against 75.0 at 4): the shard and GPT-2 (c1), Qwen2.5-7B and
#   Gemma-2B (c2), the ReLU MLP (c3, --uncovered); c3 also the shard's B=5-8 cells (q8_0 at 8
#   109.9 us against 85.1 at 4, on sm_90's 16-row tile; tune --batch 8 writes 5-16: edit to
#   B=5-8 before splicing). Then each overlay with fp32 beside it.
# Predictions: through the file within 3% of s42-b's overlay times (6% for GPT-2); affine B=2
# tunes 1.2-2x over the arch entries (the shard's affine_q2 to 70-80 us); the shard at 8
# 1.0-1.3x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
F5=f32,f16,bf16,q8_0,q4_0
AF=affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1 $o/c2 $o/c3
gpu_header
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/c0; gpu_header; T start
  RT=150 R file "" --shapes llama3-70b-tp8,gpt2 --batch 1,2,4,16,32 --budget 0.1 --reps 5 --weights f32,$AF
  RT=100 R file2 "" --shapes llama3-70b-tp8,gpt2,qwen2.5-7b,gemma-2b --batch 2 --budget 0.1 --reps 5 --weights $F5
  R relu2 "" --shapes llama3-8b --ops relu --batch 2 --budget 0.1 --reps 5 --weights f32,q8_0
  T file; gpu_summary > $o/summary.txt
) &
tune() { # name budget shape args...
  local n=$1 t=$2 s=$3; shift 3
  timeout -s INT -k 15 $((t + 15)) $b/flashmlp-tune --shape $s "$@" --total-budget $t \
    --out $o/$n.db > $o/$n.log 2>&1
}
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/c1; gpu_header; T start
  tune shard 150 8192x3584 --weights $AF --batch 2
  tune gpt2 110 768x3072 --kind plain --act gelu_tanh --weights $AF --batch 2
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/shard.db $o/gpt2.db) R overlay "" --shapes llama3-70b-tp8,gpt2 \
    --batch 2 --budget 0.1 --reps 5 --weights f32,$AF
  T overlay; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:2; unset FLASHMLP_TUNING_DIR; o=$o/c2; gpu_header; T start
  tune qwen 140 3584x18944 --weights $AF --batch 2
  tune gemma 120 2048x16384 --act gelu_tanh --weights $AF --batch 2
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/qwen.db $o/gemma.db) R overlay "" --shapes qwen2.5-7b,gemma-2b \
    --batch 2 --budget 0.1 --reps 5 --weights f32,$AF
  T overlay; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:3; unset FLASHMLP_TUNING_DIR; o=$o/c3; gpu_header; T start
  tune relu 120 4096x14336 --kind plain --act relu --weights $AF --batch 2 --uncovered
  tune shard8 130 8192x3584 --weights $F5 --batch 8 --uncovered
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/relu.db) R overlay "" --shapes llama3-8b --ops relu \
    --batch 2 --budget 0.1 --reps 5 --weights f32,$AF
  FLASHMLP_TUNING_DIR=$(overlay $o/shard8.db) R overlay8 "" --shapes llama3-70b-tp8 \
    --batch 8 --budget 0.1 --reps 5 --weights $F5
  T overlay; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1 c2 c3; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
for f in $o/c1/shard $o/c1/gpt2 $o/c2/qwen $o/c2/gemma $o/c3/relu $o/c3/shard8; do
  echo "== $f"; grep '^# B=' $f.db | sed 's/generic (.*shipped/shipped/'; tail -n 1 $f.log; done
