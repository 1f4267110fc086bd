#!/bin/bash
# For the next session (built in the eighteenth, not run): pl, the weights' lines asked into L2
# (prefetch.global.L2) pl steps ahead: mmav's gate/up rows (32- and 16-bit formats) and mmaq's
# blocks in both its matmul kernels (int8 plans). fp32 B=16's gate/up kernel reads 3.3-3.4 TB/s
# with about 430 threads a compute unit (fifteenth session: its limit is loads in flight, set by
# its registers); the sixteenth session's read probe went 3.34 -> 3.67 TB/s with an L2 prefetch
# four steps ahead at one work-group a compute unit, and lost where occupancy was enough.
# A/B in one call: the shipped plans with pl = 0, 1, 2, 4 as overrides (the plan's other
# parameters from the database: FLASHMLP_OVERRIDES adds to them), twice, alternating.
# Prediction: fp32 B=16 203 -> 185-195 us with pl=2 (gate/up 142 -> 125-132), f16 B=16 142 ->
# 135-140, B=4-8 within 3%; pl=4 no better than 2. mmaq (q4_0+int8 B=16 116 us, 5.2x its floor,
# waiting on each step's loads): 1.05-1.15x with pl=2 at B=16 and 64, nothing at 256.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
for round in 1 2; do
  for pl in 0 1 2 4; do
    FLASHMLP_OVERRIDES="pl=$pl" timeout 100 $b/flashmlp-bench --shapes llama3-8b --batch 4,8,16 \
      --weights f32,f16,bf16 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/pl$pl-r$round.csv --no-plot > $o/pl$pl-r$round.log 2>&1
    FLASHMLP_OVERRIDES="pl=$pl" timeout 100 $b/flashmlp-bench --shapes llama3-8b --batch 16,64,256 \
      --weights q4_0,q8_0,affine_q4 --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/q-pl$pl-r$round.csv --no-plot > $o/q-pl$pl-r$round.log 2>&1
  done
done
cat $o/gpu.txt
for f in $o/pl*-r*.csv $o/q-pl*-r*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
