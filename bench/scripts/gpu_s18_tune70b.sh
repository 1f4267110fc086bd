#!/bin/bash
# Eighteenth session: the exact block formats on the Llama-3-70B shard (8192 x 3584) at B=64,
# still 0.92-0.97x of fp32 with Llama-3-8B's tiles and with fp32's own (h200-s18-shapes2,
# -shapes3). The tuner over mma for q4_0 and affine_q3; fp32's shipped plan measured after it.
# Prediction: a tile at or under fp32's 541 us for q4_0; affine_q3 within 3% of fp32.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 200 $b/flashmlp-tune --shape 8192x3584 --weights q4_0,affine_q3 --batch 64 \
  --strategies mma --total-budget 180 --out $o/ovl/s18-70b-64.db > $o/tune.log 2>&1
timeout 60 $b/flashmlp-bench --shapes llama3-70b-tp8 --batch 64 --weights f32 --impl flashmlp \
  --reps 5 --budget 0.2 --csv $o/f32.csv --no-plot > $o/f32.log 2>&1
cat $o/gpu.txt
grep -v '^#' $o/f32.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["shape"], $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
