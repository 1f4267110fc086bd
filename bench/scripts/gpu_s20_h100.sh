#!/bin/bash
# Twentieth session, H100 call. Two builds in one call: /tmp/bo at 5a267894fccbfe0810f09e5c6985a00e6e4aa2f3 (before the
# sm_90 entries) and /tmp/bf at the commit under test. (1) The Llama-3-8B cells the sm_90 entries
# change (affine_q3/affine_q8 exact and int8 at B = 2, 4, 8, 32; q8_0, affine_q2, affine_q4 int8
# at 32), fp32 in each run, old build then new build, twice. (2) na=0 / na=1 as overrides on the
# stream cells (B=1 every format, f32/f16/bf16 at B=2, int8 at B = 2-8), two rounds alternating.
# Prediction (written before the call): (1) affine_q3+int8 at B = 2-8 3-5x, exact affine_q3/q8 at
# B = 2-4 2-3x and at 5-8 about 1.2x, the int8 tiles at 32 1.3-1.5x, every changed cell at or
# above fp32 except exact affine_q3 at 8 and 32 (about 0.9x, as on the H200); (2) na=1 1-9%
# faster on most cells, affine_q3+int8 at B=1 slower, as on the H200.
o=$1; b=${BUILD:-/tmp/bf}; bo=${BUILD_OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
S() { # name build
  timeout 100 $2/flashmlp-bench --shapes llama3-8b --batch 2,4,8,32 \
    --weights f32,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
    --impl flashmlp --reps 8 --budget 0.25 --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
S old-r1 $bo; S new-r1 $b; S old-r2 $bo; S new-r2 $b
R() { # name na args...
  local n=$1 na=$2; shift 2
  FLASHMLP_OVERRIDES="na=$na" timeout 60 $b/flashmlp-bench --impl flashmlp --reps 15 \
    --budget 0.3 --csv $o/$n-na$na.csv --no-plot --shapes llama3-8b "$@" > $o/$n-na$na.log 2>&1
}
for round in 1 2; do
  for na in 0 1; do
    R ex-r$round $na --batch 1 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
    R b2-r$round $na --batch 2 --weights f32,f16,bf16
    R int8-r$round $na --batch 1,2,4,8 --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8
  done
done
cat $o/gpu.txt
for f in $o/old-r*.csv $o/new-r*.csv $o/*-na*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s %s%s; ", $h["weights"], $h["B"], $h["time_us"], $h["vs_f32"], ($h["check"] == "ok" ? "" : "!")} END {print ""}'
done
