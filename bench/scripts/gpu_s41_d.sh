#!/bin/bash
# Forty-first session, fourth call (the last device minutes): s41-c's 11 entries through the
# file, with fp32 weights beside them: Qwen2.5-7B and Gemma-2B, fp32 and the four affine formats
# at B = 1 and 16, on one card.
# Prediction: within 3% of the tuner's times (Qwen affine_q2 B=16 180 us, affine_q3 B=1 62 us;
# Gemma affine_q2 B=16 103 us, affine_q8 B=1 34 us), every format ahead of fp32 weights.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR
gpu_header; T start
RT=120 R file "" --shapes qwen2.5-7b,gemma-2b --batch 1,16 --budget 0.1 --reps 5 --weights f32,affine_q2,affine_q3,affine_q4,affine_q8
T file; gpu_summary > $o/summary.txt
cat $o/times.txt; grep -v '^NVIDIA' $o/summary.txt
