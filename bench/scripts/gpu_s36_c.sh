#!/bin/bash
# Thirty-sixth session, call c (H200). Call b's record: fp32 SwiGLU at B=1024 took 7086 us
# against 2755 at 512 and 22794 at 4096 (5.70 ms a 1024 rows). Its entry (B=513-2048, mt=64
# nt=64 kt=16 wm=1 wn=4, dmt=64 dnt=128 dkt=32, splits=1, hp=1) is the old tf32 tune's tile with
# hp=1 added; the same tile serves Qwen2.5-7B and the 70B shard from 257 and Gemma-2B from 129
# (nvidia-h200.db) and any other shape (nvidia-sm_90.db's shape-less entry).
# (1) fp32 weights and x, four shapes, B = 300 (not Llama), 600, 1024, 2048: the shipped entry,
#     TA (Llama's B=2049- tile) and TB (Llama's B=129-512 tile) as overrides, two rounds.
# (2) Llama-3-8B's exact block formats and 16-bit weights at B = 600, 1024, 2048 with fp32 x
#     (shipped), against (1)'s fp32 rows: which formats would fall below fp32 weights.
# (3) gpu_s36_next.sh's item 2: flashmlp-tune on GPT-2 q8_0 at B=160 (mma only, 150 s).
# Prediction: (1) Llama 1024 7086 -> 5500-5800 us with TA (1.22-1.29x), 600 and 2048 1.1-1.3x;
# the other shapes 1.1-1.3x at 1024-2048, level (0.95-1.05x) at 300-600; TB within 5% of TA.
# (2) most formats 1.00-1.15x of TA's fp32 at 1024, affine_q3 about 0.9x. (3) 1.05-1.15x over
# the shipped entry.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
TA="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 hp=1"
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
for r in 1 2; do
  for c in old TA TB; do
    ov=""; [ $c = TA ] && ov="$TA"; [ $c = TB ] && ov="$TB"
    RT=120 R f32-$c-r$r "$ov" --shapes llama3-8b,qwen2.5-7b,gemma-2b,llama3-70b-tp8 --batch 300,600,1024,2048 \
      --weights f32 --budget 0.15 --reps 5
  done
  T round$r
done
RT=150 R fmt "" --shapes llama3-8b --batch 600,1024,2048 --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --budget 0.15 --reps 5
T fmt
timeout 200 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights q8_0 \
  --batch 160 --strategies mma --budget 150 --reps 5 --out $o/tune-gpt2-q8.db > $o/tune-gpt2-q8.log 2>&1
T tune
cat $o/times.txt
gpu_summary
grep -h -A1 "^shape (formats)" $o/tune-*.log
tail -5 $o/tune-gpt2-q8.log
