#!/bin/bash
# Nineteenth session: pl measured (gpu_next_pl.sh trimmed to fit one call). pl asks the weights'
# lines of the step pl steps ahead into L2 (prefetch.global.L2): mmav's gate/up rows (32- and
# 16-bit formats) and mmaq's blocks in both matmul kernels (int8 plans). The shipped plans with
# pl = 0, 2, 4 as overrides (FLASHMLP_OVERRIDES adds them to the plan the databases choose), two
# rounds, alternating. Prediction (written before the call, as in gpu_next_pl.sh): fp32 B=16
# 203 -> 185-195 us with pl=2 (gate/up 142 -> 125-132), f16 B=16 142 -> 135-140, B=8 within 3%;
# pl=4 no better than 2; q4_0+int8 at B=16 and 64 1.05-1.15x with pl=2.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
for round in 1 2; do
  for pl in 0 2 4; do
    FLASHMLP_OVERRIDES="pl=$pl" timeout 80 $b/flashmlp-bench --shapes llama3-8b --batch 8,16 \
      --weights f32,f16 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/pl$pl-r$round.csv --no-plot > $o/pl$pl-r$round.log 2>&1
    FLASHMLP_OVERRIDES="pl=$pl" timeout 80 $b/flashmlp-bench --shapes llama3-8b --batch 16,64 \
      --weights q4_0,q8_0 --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/q-pl$pl-r$round.csv --no-plot > $o/q-pl$pl-r$round.log 2>&1
  done
done
cat $o/gpu.txt
for f in $o/pl*-r*.csv $o/q-pl*-r*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
