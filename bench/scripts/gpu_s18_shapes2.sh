#!/bin/bash
# Eighteenth session: the exact block formats on the other shapes with Llama-3-8B's iw=1 tiles as
# shape-less entries of nvidia-h200.db (h200-s18-shapes had affine_q3 at 0.81-0.92x of fp32 on
# three shapes and q4_0 at 0.89x on the 70B shard at B=64, on nvidia-sm_90.db's generic tiles).
# Every exact block format and fp32 in one call.
# Prediction: every exact format at 0.95-1.2x of fp32's speed on every shape at B = 64, 256 and
# 1024, affine_q3 the lowest; the formats faster than fp32 in h200-s18-shapes stay so.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 400 $b/flashmlp-bench --shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 64,256,1024 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --impl flashmlp --reps 5 \
  --budget 0.2 --csv $o/shapes.csv --no-plot > $o/shapes.log 2>&1
cat $o/gpu.txt
grep -v '^#' $o/shapes.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["shape"], $h["weights"], $h["B"], $h["time_us"], $h["vs_f32"], $h["check"]}'
