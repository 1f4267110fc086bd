#!/bin/bash
# Thirty-fourth session, call 5 (H200). (1) The GPT-2 tune that printed nothing for 40-80 s
# (s34-b, -c, -d: the process busy on 14 threads, 5-23 s of CPU in 10 s): the tuner now prints a
# line before and after it builds the programs of every seed at once; run to its end (budget 20 s,
# three candidates) beside the shard's, to compare the build-ahead's time. (2) Through the lookup
# (shipped, s34-d's entries in): GPT-2's block formats at 600 and 1024 with fp32 and f16 x, where
# its fp32 weights now take 1.08-1.47x less (s34-d), and its fp32 weights with 16-bit x at 600.
# Prediction (before the call): (1) GPT-2's build-ahead 40-90 s against the shard's 10-15 s
# (NVIDIA's compiler on kernels whose loops over H=768 it unrolls); (2) the block formats
# 0.8-1.0x of fp32 weights at 600 with fp32 x (their 513-2048 entries are the shape-less tiles).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
timeout 150 stdbuf -oL $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights f32 \
  --batch 300 --strategies mma --budget 20 --max-candidates 3 --out $o/tune-gpt2.db > $o/tune-gpt2.log 2>&1
T tune-gpt2
timeout 100 stdbuf -oL $b/flashmlp-tune --shape 8192x3584 --weights f32 \
  --batch 300 --strategies mma --budget 20 --max-candidates 3 --out $o/tune-shard.db > $o/tune-shard.log 2>&1
T tune-shard
A="--budget 0.08 --reps 3"
for a in f32 f16; do
  RT=90 R g-$a "" --shapes gpt2 $A --acts $a --batch 600,1024 --weights f32,q8_0,q4_0,affine_q3,affine_q4
done
RT=60 R g-bf16 "" --shapes gpt2 $A --acts bf16 --batch 600,1024 --weights f32,q4_0
T rows
gpu_summary
grep -E "^==|building|built|\[B=|candidates:" $o/tune-gpt2.log $o/tune-shard.log | cut -c1-160
