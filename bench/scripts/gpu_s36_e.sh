#!/bin/bash
# Thirty-sixth session, call e (H200). Call d: with fp32 weights on TB (1.29-1.38x on Llama and
# Qwen), F2 (the B=257-320 block-format tile) lifts Llama's formats at 600 (1.17-1.24x) and
# Qwen's block formats at 300-2048 (1.21-1.54x), f16/bf16 at 300-600 (1.18-1.22x); at Llama's
# 1024-2048 the shipped format entries stay best and affine_q3 falls to 0.91-0.92x of fp32's TB.
# GPT-2's block formats on the q8_0 tune's tile (G): 1.06-1.74x, 1.01-1.74x ahead of fp32.
# (1) Gemma-2B and the 70B shard, fp32 x, every weight format at B = 300, 600, 1024, 2048:
#     shipped against F2, and fp32 weights on TB.
# (2) flashmlp-tune on Llama-3-8B affine_q3 at B=1024 (mma only, 120 s).
# (3) GPT-2's fp32 weights on G (iw ignored) at B = 100-300 against shipped.
# Prediction: (1) block formats on F2 1.1-1.4x over shipped at 300-1024, level-1.2x at 2048;
# f16/bf16 1.1-1.2x at 300-600. (2) 1.03-1.10x over the shipped entry. (3) 1.1-1.4x at 160-256.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
W=f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for s in gemma-2b llama3-70b-tp8; do
  RT=100 R $s-old "" --shapes $s --batch 300,600,1024,2048 --weights $W --budget 0.1 --reps 3
  RT=100 R $s-F2 "$F2" --shapes $s --batch 300,600,1024,2048 --weights $W --budget 0.1 --reps 3
  RT=60 R $s-TB "$TB" --shapes $s --batch 300,600,1024,2048 --weights f32 --budget 0.1 --reps 3
  T $s
done
timeout 170 $b/flashmlp-tune --shape 4096x14336 --weights affine_q3 --batch 1024 --strategies mma \
  --budget 120 --reps 3 --out $o/tune-llama-q3.db > $o/tune-llama-q3.log 2>&1
T tune
for r in 1 2; do
  R gpt2-f32-old-r$r "" --shapes gpt2 --batch 100,160,200,256,300 --weights f32 --budget 0.1 --reps 5
  R gpt2-f32-G-r$r "$G" --shapes gpt2 --batch 100,160,200,256,300 --weights f32 --budget 0.1 --reps 5
done
T gpt2
cat $o/times.txt
gpu_summary
grep -h -A3 "^shape (formats)" $o/tune-*.log | cut -c1-400
