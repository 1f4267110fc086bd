#!/bin/bash
# Nineteenth session: ws, mmav's gate/up with loader warps and compute warps (cl/mlp_mmav_ws.cl),
# the sixteenth session's unbuilt design for B=16. The shipped plans with ws and its shapes as
# overrides (kw=1: ws needs it), two rounds alternating.
# Prediction (written before the call): fp32 B=16 203 -> 172-190 us with the best shape (gate/up
# 142 -> 110-125: the loads of the next steps in flight while the compute warps work, as plain
# 16-byte loads that reached 4.2-4.3 TB/s in the read probes); f16 B=16 142 -> 125-135; B=8 within
# 5% either way.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
i=0
for round in 1 2; do
  for ov in "" "kw=1 ws=2" "kw=1 ws=3" "kw=1 ws=4" "kw=1 ws=2 ku=2" "kw=1 wg=4 ws=2" \
            "kw=1 wg=4 ws=4" "kw=1 wg=1 ws=4" "kw=1 fm=2 ws=2"; do
    n=$(echo "ws $ov" | tr -d '=' | tr ' ' '-')
    FLASHMLP_OVERRIDES="$ov" timeout -s KILL 60 $b/flashmlp-bench --shapes llama3-8b --batch 8,16 \
      --weights f32,f16 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/$n-r$round.csv --no-plot > $o/$n-r$round.log 2>&1
    echo "$n r$round rc=$?" >> $o/rc.txt
  done
done
cat $o/gpu.txt; cat $o/rc.txt | tr '\n' ' '; echo
for f in $o/ws*-r*.csv; do
  printf "%-28s " "$(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s %s %s %s; ", $h["weights"], $h["B"], $h["time_us"], $h["check"]} END {print ""}'
done
grep -h -i "error\|fail" $o/*.log | sort | uniq -c | head -20
