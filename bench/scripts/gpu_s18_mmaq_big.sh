#!/bin/bash
# Eighteenth session, second call: mmaq at large batches for the other formats and batches.
# The first call (h200-s18-mmaq256) measured mmaq at B=256 1.62x (q4_0+int8, 1.050 ms) and
# 1.66x (affine_q3+int8, 1.153 ms) faster than the shipped mma tiles, fp32 1.905 ms.
# Prediction: q8_0, affine_q2/q4/q8 with int8 at B=256 1.1-1.25 ms (1.4-1.6x the shipped);
# q4_0+int8 at B=128 550-650 us, at B=1024 3.5-4.5 ms (fp32 about 7.5 ms: mma's exact tiles).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 200 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q4,affine_q8 --precision int8 \
  --batch 256 --strategies mmaq --total-budget 180 --out $o/ovl/s18-mmaq-256b.db > $o/tune256.log 2>&1
timeout -s INT 160 $b/flashmlp-tune --weights q4_0 --precision int8 --batch 128,1024,4096 \
  --strategies mmaq --total-budget 140 --out $o/ovl/s18-mmaq-big.db > $o/tunebig.log 2>&1
timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1024,4096 --weights f32 \
  --impl flashmlp --reps 5 --budget 0.3 --csv $o/f32.csv --no-plot > $o/f32.log 2>&1
cat $o/gpu.txt
grep -v '^#' $o/f32.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["rel_error"], $h["check"]}'
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
