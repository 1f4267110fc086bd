#!/bin/bash
# Forty-second session, call s42-d (one H200, ~110 s), written before the call: s42-c's 18 entries
# through the file (spliced in this commit): the affine formats at B=2 on the shard, Qwen2.5-7B,
# Gemma-2B (fp32 beside them), the shard's q8_0/q4_0 at 8, the ReLU MLP's affine_q8 at 2; and
# GPT-2's fp32 and affine formats at 1, 2, 16, 32 in bursts of 20 (s42-c's single-run times
# of these 12-30 us cells jumped between ~12 and ~18 us from call to call; affine_q8 at 32 read
# 29.5 against fp32's 24.6).
# Predictions: within 3% of s42-c's overlay times (the shard's affine at 2 55-59 us, Qwen 88-98,
# Gemma 37-42; the shard's q8_0/q4_0 at 8 71.9/63.1); GPT-2 in bursts every affine format at or
# ahead of fp32 at each batch.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
AF=affine_q2,affine_q3,affine_q4,affine_q8
export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR
gpu_header; T start
RT=100 R file "" --shapes llama3-70b-tp8,qwen2.5-7b,gemma-2b --batch 2 --budget 0.1 --reps 5 --weights f32,$AF
R file8 "" --shapes llama3-70b-tp8 --batch 8 --budget 0.1 --reps 5 --weights f32,q8_0,q4_0
R relu "" --shapes llama3-8b --ops relu --batch 2 --budget 0.1 --reps 5 --weights f32,affine_q8
RT=100 R gpt2 "" --shapes gpt2 --batch 1,2,16,32 --budget 0.2 --reps 7 --burst 20 --weights f32,$AF
T file; gpu_summary > $o/summary.txt
cat $o/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/summary.txt
