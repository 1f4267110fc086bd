#!/bin/bash
# Nineteenth session: fp32 tuned on the shapes other than Llama-3-8B (gpu_next_shapes_f32.sh
# with Qwen2.5-7B added and the budgets cut to fit one call), which run nvidia-h200.db's
# shape-less tiles tuned for Llama; the eighteenth session's one such tune (the 70B shard at B=64)
# found 1.47x. flashmlp-tune over every strategy, each shape with its own op, the shipped choice
# measured in the same run. Then the shipped q4_0 and q8_0 int8 entries at B=64 (now pl=2) once.
# Prediction (written before the call): 1.1-1.5x at B = 16-256 on the shard and GPT-2 (small I or
# H: few work-groups on the Llama tiles), 1.0-1.15x on Qwen2.5-7B; q4_0+int8 B=64 about 330 us,
# q8_0+int8 about 385.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout 60 $b/flashmlp-bench --shapes llama3-8b --batch 64 \
  --weights q4_0,q8_0 --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
  --csv $o/q64.csv --no-plot > $o/q64.log 2>&1
timeout -s INT 150 $b/flashmlp-tune --shape 8192x3584 --batch 16,128,256 --total-budget 135 \
  --out $o/ovl/shard.db > $o/tune-shard.log 2>&1
timeout -s INT 125 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
  --batch 16,64,256 --total-budget 110 --out $o/ovl/gpt2.db > $o/tune-gpt2.log 2>&1
timeout -s INT 125 $b/flashmlp-tune --shape 3584x18944 --batch 16,64,256 --total-budget 110 \
  --out $o/ovl/qwen.db > $o/tune-qwen.log 2>&1
cat $o/gpu.txt
grep -v '^#' $o/q64.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
  {printf "%s %s %s %s; ", $h["weights"], $h["B"], $h["time_us"], $h["check"]} END {print ""}'
for f in $o/ovl/*.db; do echo "== $f"; grep -h "^# B=\|^entry" $f | cut -c1-260; done
