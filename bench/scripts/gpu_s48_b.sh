#!/bin/bash
# s48-b (forty-eighth session, an nvidia-h200-x2 machine): the lookup's fp32-x rule where s48-a
# did not measure it, and s48-a's cells where the rule lost, measured again.
# - Pairs (one run each way, as s48-a): bf16 x at B = 1-32 on Gemma-2B, the 70B shard and
#   Llama-3-8B SwiGLU (s48-bf16-before.db); f16 x at 64/256/1024 on GPT-2, the 70B shard
#   (s48-large-before.db); bf16 x at 64/256/1024 on every shape (s48-bf16-large-before.db,
#   `acts_overlay.py --displaced` over the coverage after s47, made this session).
# - s48-a's nine cells where the displaced entry ran faster (GPT-2 bf16 x: q8_0, affine_q3,
#   affine_q8 at 2 and 4; Qwen2.5-7B f32 weights at 2 and 16; the ReLU MLP's bf16 at 8):
#   gpu_check, file / overlay / overlay / file.
# Prediction (written before the call): the pairs as s48-a's, the rule faster in about 9 of 10
# changed cells and at large batches in all but a few (s48-a's f16 x: 20 of 20, 1.2-2.6x); of
# the nine cells re-measured, GPT-2's (one-run noise of 10-40% there) about half hold the
# overlay ahead in all four runs, Qwen's and the ReLU MLP's level within 3%.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
pair() { local n=$1 db=$2 ov; shift 2; ov=$(overlay $db)
  unset FLASHMLP_TUNING_DIR; RT=90 R $n-file "" "$@" --budget 0.05 --reps 5; T $n-file
  export FLASHMLP_TUNING_DIR=$ov; RT=90 R $n-overlay "" "$@" --budget 0.05 --reps 5
  unset FLASHMLP_TUNING_DIR; T $n-overlay; }
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  pair gemma $d/s48-bf16-before.db --shapes gemma-2b --batch 1,2,4,8,16,32 --weights $W --acts bf16
  pair shard $d/s48-bf16-before.db --shapes llama3-70b-tp8 --batch 1,2,4,8,16,32 --weights $W --acts bf16
  pair llama $d/s48-bf16-before.db --shapes llama3-8b --batch 1,2,4,8,16,32 --weights $W --acts bf16
  pair large-gpt2 $d/s48-large-before.db --shapes gpt2 --batch 64,256,1024 --weights $W --acts f16
  pair large-shard $d/s48-large-before.db --shapes llama3-70b-tp8 --batch 64,256,1024 --weights $W --acts f16
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  gpu_check chk-gpt2 $d/s48-bf16-before.db --shapes gpt2 --batch 2,4 --weights f32,q8_0,affine_q3,affine_q8 --acts bf16; T chk-gpt2
  gpu_check chk-qwen $d/s48-bf16-before.db --shapes qwen2.5-7b --batch 2,16 --weights f32 --acts bf16; T chk-qwen
  gpu_check chk-relu $d/s48-bf16-before.db --shapes llama3-8b --ops relu --batch 8 --weights bf16 --acts bf16; T chk-relu
  for s in "relu --shapes llama3-8b --ops relu" "qwen --shapes qwen2.5-7b" "gemma --shapes gemma-2b" "gpt2 --shapes gpt2" "shard --shapes llama3-70b-tp8"; do
    set -- $s; n=$1; shift
    pair bl-$n $d/s48-bf16-large-before.db "$@" --batch 64,256,1024 --weights $W --acts bf16
  done
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; done
python3 $d/overlay_diff.py $o
