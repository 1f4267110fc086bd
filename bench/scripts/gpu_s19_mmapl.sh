#!/bin/bash
# Nineteenth session: pl and dpl in the mma kernels (L2 prefetches of the weight lines of the
# k-tile pl/dpl tiles ahead, 32- and 16-bit formats), and mmaq's pl across the int8 formats and
# large batches. gpu_s19_pl.sh measured mmaq's pl=2 at 1.11-1.12x at B=64 (q4_0 368 -> 329 us,
# q8_0 429 -> 385), slower at B=16, and mmav's pl slower everywhere.
# Prediction (written before the call): mma fp32 B=64 (gate/up about 390 us at two work-groups
# an SM, latency-bound) 564 -> 520-545 us with pl=2, dpl adding 0-2%; B=128 2-5%, B=256 0-3%;
# f16 the same. mmaq pl=2 at B=64-128 1.05-1.12x for every format, 256-1024 0-5%.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
for round in 1 2; do
  for ov in "pl=0 dpl=0" "pl=1 dpl=0" "pl=2 dpl=0" "pl=2 dpl=2" "pl=4 dpl=1"; do
    n=$(echo $ov | tr -d ' =')
    FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --shapes llama3-8b --batch 64,128,256 \
      --weights f32,f16 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/mma-$n-r$round.csv --no-plot > $o/mma-$n-r$round.log 2>&1
  done
done
for pl in 0 2 1; do
  FLASHMLP_OVERRIDES="pl=$pl" timeout 100 $b/flashmlp-bench --shapes llama3-8b \
    --batch 64,128,256,1024 --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
    --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/q-pl$pl.csv --no-plot > $o/q-pl$pl.log 2>&1
done
cat $o/gpu.txt
for f in $o/mma-*.csv $o/q-pl*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s %s %s %s; ", $h["weights"], $h["B"], $h["time_us"], $h["check"]} END {print ""}'
done
