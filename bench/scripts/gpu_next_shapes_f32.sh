#!/bin/bash
# For the next session (not run): fp32 on the shapes other than Llama-3-8B, which run
# nvidia-h200.db's shape-less tiles tuned for Llama. The eighteenth session's one tune of such a
# cell (the Llama-3-70B shard at B=64, h200-s18-tune70b/-shard) found 1.47x. The tuner over
# every strategy, each shape with its own op, the shipped choice measured in the same run.
# Prediction: 1.1-1.5x at B = 16-256 on the shard and GPT-2 (small I or H: few work-groups on
# the Llama tiles), 1.0-1.15x on Qwen2.5-7B and Gemma-2B.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 280 $b/flashmlp-tune --shape 8192x3584 --batch 16,128,256 --total-budget 260 \
  --out $o/ovl/shard.db > $o/tune-shard.log 2>&1
timeout -s INT 200 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
  --batch 16,64,256 --total-budget 180 --out $o/ovl/gpt2.db > $o/tune-gpt2.log 2>&1
cat $o/gpu.txt; grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
