#!/bin/bash
# Thirty-ninth session, seventh call (one H200, the session's last device minutes): a survey through
# the file at B=512 of Qwen2.5-7B, Gemma-2B and the 70B shard, fp32 and the eight other formats,
# to find the cells behind fp32 weights there (s39-d surveyed 128 and 256).
# Prediction: every format at or ahead of fp32 but affine_q3 (0.95-1.02x).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
c="--budget 0.06 --reps 3"
F="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
R survey-qwen "" --shapes qwen2.5-7b --batch 512 --weights $F $c
R survey-gemma "" --shapes gemma-2b --batch 512 --weights $F $c
R survey-shard "" --shapes llama3-70b-tp8 --batch 512 --weights $F $c
T end
gpu_summary > $o/summary.txt
grep -v '^NVIDIA' $o/summary.txt
