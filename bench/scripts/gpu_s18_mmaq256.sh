#!/bin/bash
# Eighteenth session, first call: mmaq (integer tensor cores) at large batches. The int8 plans
# ran B >= 65 on exact mma tiles; affine_q3+int8 at B=256 was the record's one cell below fp32
# (1923 against 1906 us). mmaq now takes 64-row batch tiles (fb=8) and bo=1 (a row tile's batch
# tiles together in the grid, so its weights come from L2 after their first read), and the
# tuner's mmaq space reaches every batch.
# Prediction (written before the call): mmaq at B=256 700-1000 us for q4_0+int8 (shipped mma
# 1702), 800-1100 for affine_q3+int8 (1923): every int8 format at B=256 faster than fp32 by
# 1.5x or more; bo=1 better than bo=0 by 5-15% at B=256.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8
bench() { # bench <tag> <weights> <precision> [overrides]
  FLASHMLP_OVERRIDES="$4" timeout 120 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch 256 --weights $2 $3 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench f32 f32 ""
bench shipped $F "--precision int8"
bench seed-bo1 $F "--precision int8" "strategy=mmaq wg=4 kw=2 fb=4 ku=2 dwg=4 dfb=4 dku=2 splits=4 bo=1"
bench seed-bo0 $F "--precision int8" "strategy=mmaq wg=4 kw=2 fb=4 ku=2 dwg=4 dfb=4 dku=2 splits=4 bo=0"
bench seed-fb8 $F "--precision int8" "strategy=mmaq wg=4 kw=1 fb=8 ku=1 dwg=4 dfb=8 dku=1 splits=2 bo=1"
mkdir -p $o/ovl
timeout -s INT 200 $b/flashmlp-tune --weights q4_0,affine_q3 --precision int8 --batch 256 \
  --strategies mmaq --total-budget 180 --out $o/ovl/s18-mmaq-256.db > $o/tune.log 2>&1
cat $o/gpu.txt
for f in f32 shipped seed-bo1 seed-bo0 seed-fb8; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["rel_error"], $h["check"]}'
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
