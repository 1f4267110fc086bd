#!/bin/bash
# Nineteenth session, third ws call: the second form of cl/mlp_mmav_ws.cl (loaders with two
# steps in flight, compute warps reading a slot half a chunk at a time). The second call
# (gpu_s19_ws2.sh, results h200-s19-ws) measured the first form at 239-261 us for fp32 B=16
# against the shipped plan's 200 (f16 181-197 against 139-141). As there, each plan is named
# whole and measured at B=16 alone, with the shipped down kernel, two rounds alternating.
# Prediction (written before this call): fp32 B=16 190-215 us with the best shape (the loaders'
# bytes in flight doubled, the compute warps' registers fewer), f16 130-150.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F32D="dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4"
F16D="dwg=8 dkw=8 dfb=2 dku=4 dpf=0 splits=4"
run() { # name weights plan
  FLASHMLP_OVERRIDES="strategy=mmav $3" timeout -s KILL 60 $b/flashmlp-bench --shapes llama3-8b \
    --batch 16 --weights $2 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
  echo "$1 rc=$? $3" >> $o/rc.txt
}
for r in 1 2; do
  run f32-base-r$r f32 "wg=2 kw=2 fm=1 fb=2 ku=1 pf=0 $F32D"
  i=0
  for g in "wg=2 fm=1 ku=1 ws=3" "wg=2 fm=1 ku=1 ws=6" "wg=4 fm=1 ku=1 ws=3" \
           "wg=2 fm=1 ku=2 ws=2" "wg=1 fm=1 ku=1 ws=4" "wg=2 fm=2 ku=1 ws=2" \
           "wg=4 fm=1 ku=1 ws=2" "wg=2 fm=1 ku=2 ws=3"; do
    i=$((i + 1)); run f32-ws$i-r$r f32 "$g kw=1 fb=2 pf=0 $F32D"
  done
  run f16-base-r$r f16 "wg=4 kw=4 fm=4 fb=2 ku=2 pf=0 $F16D"
  i=0
  for g in "wg=2 fm=2 ku=2 ws=2" "wg=4 fm=1 ku=2 ws=2" "wg=2 fm=1 ku=2 ws=4" \
           "wg=4 fm=2 ku=1 ws=2"; do
    i=$((i + 1)); run f16-ws$i-r$r f16 "$g kw=1 fb=2 pf=0 $F16D"
  done
done
cat $o/gpu.txt
for f in $o/*-r*.csv; do
  n=$(basename $f .csv)
  printf "%-14s %s | %s\n" $n "$(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s %s %s", $h["B"], $h["time_us"], $h["check"]}')" "$(grep "^$n " $o/rc.txt | cut -d' ' -f2-)"
done
grep -h "n/a\|error" $o/*.log | sort | uniq -c | head
