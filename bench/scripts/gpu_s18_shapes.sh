#!/bin/bash
# Eighteenth session: nvidia-h200.db's shape-less int8 entries (mmaq, q4_0's Llama tiles, for
# every int8 plan at B >= 33 without an entry of its own) on the other shapes, each
# with its own op. The exact rows of the same formats run the exact mma tiles that the int8
# plans ran before this session; fp32 in the same call.
# Prediction: int8 faster than exact for every shape and batch, 1.2-2x; gpt2 (768 x 3072) the
# weakest, possibly level at B=64.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 400 $b/flashmlp-bench --shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 64,256,1024 \
  --weights f32,q4_0,q8_0,affine_q3 --precision exact,int8 --impl flashmlp --reps 5 --budget 0.2 \
  --csv $o/shapes.csv --no-plot > $o/shapes.log 2>&1
cat $o/gpu.txt
grep -v '^#' $o/shapes.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["shape"], $h["weights"], $h["B"], $h["time_us"], $h["check"], $h["strategy"]}' | cut -c1-90
