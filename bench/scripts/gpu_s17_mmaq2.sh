#!/bin/bash
# Seventeenth session, mmaq's second call. The first (h200-s17-mmaq) had every result right but
# mmaq slow: q4_0+int8 B=16 176 us untuned, 154 tuned against mmav's 150; it won only at B=64
# (414 against 547 us) and for affine_q3 at B=16 (179 against 207). Its gate/up kernel runs
# 896 warps for I = 14336 (about 7 a compute unit) and waits on each step's loads; kw now lets
# 2-8 warps share a tile's runs (their sums added in local memory).
# Prediction: with kw=4, q4_0+int8 B=16 90-110 us (four times the warps in flight; the down
# kernel with 16 slices already has 4096 warps), B=4 60-70 us (stream 78), B=64 about 300.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8
run() { # run <tag> [overrides]
  FLASHMLP_OVERRIDES="$2" timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch 4,16,64 --weights $F --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
run shipped ""
run mmaq-kw4 "strategy=mmaq wg=8 kw=4 fb=1 ku=4 dwg=2 dfb=1 dku=4 splits=16"
mkdir -p $o/ovl
timeout -s INT 210 $b/flashmlp-tune --weights q4_0 --precision int8 --batch 2,4,8,16,32,64 \
  --strategies mmaq --total-budget 190 --out $o/ovl/s17-mmaq-q4.db > $o/tune-q4.log 2>&1
timeout -s INT 150 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --precision int8 --batch 16 --strategies mmaq --total-budget 130 \
  --out $o/ovl/s17-mmaq-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt
for f in shipped mmaq-kw4; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["rel_error"], $h["check"]}'
done
grep -h "^# B=" $o/ovl/*.db | cut -c1-200
grep -h "^entry" $o/ovl/*.db | cut -c1-250
