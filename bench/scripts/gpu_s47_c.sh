#!/bin/bash
# s47-c (an nvidia-h200-x2 machine, ~300 s): s47-a/b's eleven winners now in nvidia-h200.db,
# benchmarked through the file (no overlay) with fp32 weights in the same runs; then single-cell
# tunes of Gemma-2B's seven fp32-x cells on shape-less entries (bf16@1, q8_0, q4_0, affine_q2,
# affine_q3, affine_q4, affine_q8 @4), winners >= 1.03x through overlays in bursts.
# Prediction (written before the call): every spliced cell within 3% of its overlay time in
# s47-a/b (Llama affine_q2/q4@2 65-67 us, ReLU @4 77-89, ReLU q4_0@8 112-113, Qwen q4_0@8 161-162,
# GPT-2 12-12.6); Gemma: the @4 block cells gain 1.1-1.2x as the ReLU MLP's did (same stream
# tile family), bf16@1 level.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
gem() { local w=${1%:*} B=${1#*:}
  gpu_tune_check e-$w-$B 25 "--shapes gemma-2b --batch $B --weights f32,$w" \
    --shape 2048x16384 --act gelu_tanh --weights $w --batch $B; }
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  R v-llama "" --shapes llama3-8b --batch 2 --weights f32,affine_q2,affine_q4
  R v-relu4 "" --shapes llama3-8b --ops relu --batch 4 --weights f32,affine_q3,affine_q4,affine_q8,q8_0
  R v-relu8 "" --shapes llama3-8b --ops relu --batch 8 --weights f32,q4_0
  T verify
  for c in q8_0:4 q4_0:4 affine_q2:4 bf16:1; do gem $c; done
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  R v-gpt2-2 "" --shapes gpt2 --batch 2 --weights f32,q4_0
  R v-gpt2-4 "" --shapes gpt2 --batch 4 --weights f32,affine_q2,affine_q4
  R v-qwen8 "" --shapes qwen2.5-7b --batch 8 --weights f32,q4_0
  T verify
  for c in affine_q3:4 affine_q4:4 affine_q8:4; do gem $c; done
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt
  grep -h '^# B=' $o/$c/*.db | sed 's/generic ([^)]*) //'; grep -- '^v-\|-file\|-overlay' $o/$c/summary.txt; done
