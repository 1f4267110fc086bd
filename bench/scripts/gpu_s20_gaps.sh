#!/bin/bash
# Twentieth session, call 4 (H200). Call 3 found affine_q3+int8 at B = 2-8 at 229-241 us, slower
# than fp32 (174 us at B=2): it takes nvidia-sm_90.db's affine_q3 mmav tile (the exact kernel on
# the regrouped layout) where the other int8 formats have stream entries (75-93 us). No record
# had measured B = 2, 4, 8 (nor 32, 128, 512) for every format.
# (1) The tuner for affine_q3+int8 at B = 2, 4, 8 (stream, mmaq, mmav), the shipped choice in
# the same run. (2) Every format, exact and int8, at B = 2, 4, 8, 32, 128, 512 on Llama-3-8B with
# fp32 in the same run (vs_f32), to find any other cell below fp32.
# Prediction (written before the call): (1) a stream plan with 8 batch rows at 75-95 us for
# B = 2-8 (2.5-3x the shipped). (2) Every other cell at or above fp32's speed, the exact block
# formats at B = 2-8 1.0-1.3x (mmav, fewer bytes), int8 1.8-2.4x there; at 32-512 as the
# recorded 16/64/256 rows.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 170 $b/flashmlp-tune --shape 4096x14336 --batch 2,4,8 --weights affine_q3 \
  --precision int8 --strategies stream,mmaq,mmav --total-budget 155 --out $o/ovl/q3-b2-8.db \
  > $o/tune-q3.log 2>&1
ALL=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
timeout 150 $b/flashmlp-bench --shapes llama3-8b --batch 2,4,8,32,128,512 --weights $ALL \
  --impl flashmlp --reps 8 --budget 0.25 --csv $o/exact.csv --no-plot > $o/exact.log 2>&1
timeout 150 $b/flashmlp-bench --shapes llama3-8b --batch 2,4,8,32,128,512 \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8 \
  --impl flashmlp --reps 8 --budget 0.25 --csv $o/int8.csv --no-plot > $o/int8.log 2>&1
cat $o/gpu.txt
for f in $o/exact.csv $o/int8.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s %s%s; ", $h["weights"], $h["B"], $h["time_us"], $h["vs_f32"], ($h["check"] == "ok" ? "" : "!")} END {print ""}'
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-300
