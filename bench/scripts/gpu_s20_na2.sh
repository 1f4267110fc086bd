#!/bin/bash
# Twentieth session, call 3 (H200). na (the stream kernel's weight loads as
# ld.global.nc.L1::no_allocate) measured 1.01-1.09x at B=1 on eight Llama-3-8B cells in call 2
# (affine_q3+int8 0.90x); the database has na=1 on those eight now.
# (1) The tuner over the stream space (na an axis) for q4_0+int8 at B=1, the Q4_0 cell
# (32.3 us with na=1 against the target's 30).
# (2) na=0 / na=1 as overrides on the stream cells not measured yet: Llama int8 B = 1, 2, 4, 8
# (every int8 format; B=2-8 entries are stream), the exact block formats at B=1, f32/f16/bf16
# at B=2; two rounds alternating. The other shapes at B=1 (shape-less sm_90 entries) and GPT-2's
# fp32 stream entries at B = 16 and 64: one round.
# Prediction (written before the call): (1) 31-32 us (a shape near the shipped one with
# na=1; below 30 not expected). (2) na=1 1.02-1.09x on most stream cells, the exact block
# formats like q8_0 (1.03-1.05x), affine_q3 slower at B=1 with int8 only; the other shapes
# the same direction.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 150 $b/flashmlp-tune --shape 4096x14336 --batch 1 --weights q4_0 --precision int8 \
  --strategies stream --total-budget 135 --out $o/ovl/q4-b1.db > $o/tune-q4-b1.log 2>&1
R() { # name na args...
  local n=$1 na=$2; shift 2
  FLASHMLP_OVERRIDES="na=$na" timeout 60 $b/flashmlp-bench --impl flashmlp --reps 15 \
    --budget 0.3 --csv $o/$n-na$na.csv --no-plot "$@" > $o/$n-na$na.log 2>&1
}
for round in 1 2; do
  for na in 0 1; do
    R int8-r$round $na --shapes llama3-8b --batch 1,2,4,8 \
      --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8
    R exact-r$round $na --shapes llama3-8b --batch 1 --weights q4_0,affine_q2,affine_q3,affine_q4,affine_q8
    R b2-r$round $na --shapes llama3-8b --batch 2 --weights f32,f16,bf16
  done
done
for na in 0 1; do
  for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
    R $s $na --shapes $s --batch 1 --weights f32,f16,q4_0
    R $s-int8 $na --shapes $s --batch 1 --weights q4_0,q8_0 --precision int8
  done
  R gpt2-16-64 $na --shapes gpt2 --batch 16,64 --weights f32
done
cat $o/gpu.txt
for f in $o/*-na0.csv; do
  for na in 0 1; do
    g=${f%-na0.csv}-na$na.csv
    echo "$(basename $g .csv): $(grep -v '^#' $g | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
      {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
  done
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-300
