#!/bin/bash
# Eighteenth session, the formats record with mmaq at large batches in nvidia-h200.db: every
# weight format, exact and int8, at B = 1, 16, 64, 256 with the tuned CLBlast chain and PyTorch
# in the same call (bench/results/2026-11-26-h200-burst/formats.sh), then every format at
# B = 1024 and 4096 (FlashMLP only), against fp32 in the same call.
# Prediction: B = 1 and 16 rows within 2% of record3; int8 at B=64 q4_0 370 us as before, the
# other formats 380-420 us (were 498-562 on exact tiles, now q4_0's mmaq tile); int8 at B=256
# 1.05-1.25 ms (1.5-1.8x fp32); int8 at 1024 3.9-4.5 ms and 4096 15.5-18 ms (1.6-2x fp32); exact
# block formats at 4096 near fp32 (q4_0's exact tile took 31.2 ms against fp32's 29.2 in
# h200-s18-mmaq-big: the exact rows there may be slower than fp32).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/formats $o/big
BUILD=$b timeout 420 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > /dev/null 2>&1
timeout 150 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1024,4096 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
  --impl flashmlp --reps 5 --budget 0.3 --csv $o/big/big.csv --no-plot > $o/big/big.log 2>&1
cat $o/gpu.txt; cat $o/formats/formats-table.md 2>/dev/null | head -30
grep -v '^#' $o/formats/formats-torch.csv | cut -d, -f5,6,7,9,16,21 | head -20
grep -v '^#' $o/big/big.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["rel_error"], $h["check"]}'
