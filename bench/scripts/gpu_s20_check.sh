#!/bin/bash
# Twentieth session, call 6 (H200). (1) The gap sweep again with the new entries (every format,
# exact and int8, B = 2, 4, 8, 32, 128, fp32 in the run). (2) q8_0, affine_q2, affine_q4 with int8
# at B=32 (1.01-1.12x fp32 on their shipped plans) on affine_q8+int8's tuned mmaq tile, named
# whole, against the shipped, two rounds alternating. (3) exact affine_q3 at B = 8 and 32, still
# 0.92-0.93x fp32 after call 5: the tuner again with more time, mma in the space for 32.
# Prediction (written before the call): (1) every cell at or above fp32 but exact affine_q3 at
# B = 5-32 (0.92-0.95x); (2) 1.3-1.5x on that tile; (3) at most 1.05x over call 5's plans:
# not enough to reach fp32.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 150 $b/flashmlp-bench --shapes llama3-8b --batch 2,4,8,32,128 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
  --impl flashmlp --reps 8 --budget 0.25 --csv $o/sweep.csv --no-plot > $o/sweep.log 2>&1
Q8T="strategy=mmaq wg=2 kw=2 fb=4 ku=2 pf=1 pl=0 dwg=8 dfb=2 dku=2 splits=4 bo=0"
for round in 1 2; do
  timeout 60 $b/flashmlp-bench --shapes llama3-8b --batch 32 --weights q8_0,affine_q2,affine_q4 \
    --precision int8 --impl flashmlp --reps 10 --budget 0.25 --csv $o/b32-shipped-r$round.csv \
    --no-plot > $o/b32-shipped-r$round.log 2>&1
  FLASHMLP_OVERRIDES="$Q8T" timeout 60 $b/flashmlp-bench --shapes llama3-8b --batch 32 \
    --weights q8_0,affine_q2,affine_q4 --precision int8 --impl flashmlp --reps 10 --budget 0.25 \
    --csv $o/b32-tile-r$round.csv --no-plot > $o/b32-tile-r$round.log 2>&1
done
mkdir -p $o/ovl
timeout -s INT 140 $b/flashmlp-tune --shape 4096x14336 --batch 8,32 --weights affine_q3 \
  --strategies mmav,mma,stream --total-budget 125 --out $o/ovl/q3.db > $o/tune-q3.log 2>&1
cat $o/gpu.txt
for f in $o/sweep.csv $o/b32-*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s %s%s; ", $h["weights"], $h["B"], $h["time_us"], $h["vs_f32"], ($h["check"] == "ok" ? "" : "!")} END {print ""}'
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-300
