#!/bin/bash
# Forty-first session, third call: an nvidia-h200-x2 machine, both cards side by side.
# Card 0: s41-b's 24 entries through the file (Qwen2.5-7B and Gemma-2B, fp32, f16, bf16, q8_0,
# q4_0 at B = 1, 4, 16, 32), issue 3's record (gpu_record.sh, with s40-j's and s41-a's ReLU
# entries in a record for the first time), then flashmlp-tune --uncovered of Qwen2.5-7B's four
# affine formats at B = 1, 4, 16, 32 (230 s). Card 1: the same tune for Gemma-2B (400 s).
# Prediction: s41-b's entries within 3% of the tuner's times (Qwen f16 B=32 242 us, q4_0 B=1 63 us;
# Gemma bf16 B=32 123 us); the record as s40-i within 2% at SwiGLU (B=1 161-164 us, 3.95-4.02x
# the chain), the ReLU MLP at B=16 129-132 us (148.6 in s40-i); the affine tunes 1.05-1.35x at 16
# and 32, 1.00-1.20x at 1 and 4.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0/record $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=0; unset FLASHMLP_TUNING_DIR; o=$o/c0; gpu_header; T start
  RT=150 R file "" --shapes qwen2.5-7b,gemma-2b --batch 1,4,16,32 --budget 0.1 --reps 5 --weights f32,f16,bf16,q8_0,q4_0
  T file; gpu_summary > $o/summary.txt
  BUILD=$b timeout 150 bash $d/gpu_record.sh $o/record > $o/record/cmd.log 2>&1
  T record
  timeout -s INT -k 20 250 $b/flashmlp-tune --shape 3584x18944 --weights affine_q2,affine_q3,affine_q4,affine_q8 \
    --batch 1,4,16,32 --uncovered --total-budget 230 --out $o/qwen.db > $o/qwen.log 2>&1
  T tune
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/c1; gpu_header; T start
  timeout -s INT -k 20 420 $b/flashmlp-tune --shape 2048x16384 --act gelu_tanh \
    --weights affine_q2,affine_q3,affine_q4,affine_q8 --batch 1,4,16,32 --uncovered \
    --total-budget 400 --out $o/gemma.db > $o/gemma.log 2>&1
  T tune
) &
wait
cat $o/c0/times.txt $o/c1/times.txt
grep -v '^NVIDIA' $o/c0/summary.txt
for f in $o/c0/qwen $o/c1/gemma; do echo "== $f"; grep '^# B=' $f.db; tail -n 2 $f.log; done
cut -d'|' -f2-13 $o/c0/record/main-table.md | grep -v "^ ---"
