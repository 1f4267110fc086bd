#!/bin/bash
# Prepared in the thirty-fourth session for a next call (H200), not yet run. The coverage report
# bench/results/2026-11-29-coverage-shapeless flags Qwen2.5-7B's and Gemma-2B's fp32-x block
# formats at B = 160-2048: they take entries for any shape while fp32 weights take ones tuned for
# these shapes, the pattern that had the 70B shard's and GPT-2's at 0.55-0.84x of fp32 weights
# (s34-a to s34-d). (1) Shipped only: those cells at 160, 300, 600 and 1024 with fp32 weights
# beside them; (2) flashmlp-tune on q4_0 at 300 for each shape (mma only, 150 s each: building
# ahead is about 1 s a program for these shapes, s34-g).
# Prediction (the thirty-fourth session's, to be revised before the call): (1) 0.8-0.95x of fp32
# weights at most of these cells; (2) 1.1-1.3x over the shipped entry, as the shard's tune gave
# 1.36x at 160.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
A="--budget 0.08 --reps 3"
RT=240 R qg32 "" --shapes qwen2.5-7b,gemma-2b $A --acts f32 --batch 160,300,600,1024 \
  --weights f32,q8_0,q4_0,affine_q3,affine_q4
T sweep
timeout 200 $b/flashmlp-tune --shape 3584x18944 --weights q4_0 --batch 300 --strategies mma \
  --budget 150 --reps 5 --out $o/tune-qwen-q4.db > $o/tune-qwen-q4.log 2>&1
T tune-qwen
timeout 200 $b/flashmlp-tune --shape 2048x16384 --act gelu_tanh --weights q4_0 --batch 300 \
  --strategies mma --budget 150 --reps 5 --out $o/tune-gemma-q4.db > $o/tune-gemma-q4.log 2>&1
T tune-gemma
gpu_summary
grep -h -A1 "^shape (formats)" $o/tune-*.log
