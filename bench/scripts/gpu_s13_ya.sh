#!/bin/bash
# Thirteenth session: the stream kernel adding its slice sums into y with float atomics (ya=1:
# PTX red.global.add.f32; no partial sums, no reduction kernel) against the shipped B=1 plans.
# Prediction, H200: the reduction's 3-6 us in a burst go, the atomics overlap phase 2 (1.8 M
# of them at B=1 over its 10-60 us): f16 94 -> 89-91 us, f32 173 -> 168-171, q4_0+int8 35.7 ->
# 32-34. Risk: same-address atomics of 448 slices contend at the L2. Per case: flashmlp run
# --profile (medians of 9) once, flashmlp-bench (burst) twice, alternating. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
cases=${CASES:-"f32:exact:1 f16:exact:1 bf16:exact:1 q4_0:int8:1 q8_0:int8:1 affine_q2:int8:1 affine_q4:int8:1 q4_0:exact:1 f32:exact:2"}
ov() {
  local s=${P[$1]}
  [ $2 = ya1 ] && s="$(echo $s | sed -E 's/ ps=1/ ps=0/; s/ ya=[0-9]+//') ya=1"
  echo "$s"
}
{
for c in $cases; do
  IFS=: read w pr B <<< "$c"; P[$c]=$(plan $w $B "--precision $pr"); echo "# $c: ${P[$c]}"
done
for c in $cases; do
  IFS=: read w pr B <<< "$c"
  case "${P[$c]}" in *strategy=stream*) ;; *) echo "# $c: not a stream plan"; continue;; esac
  for v in ya0 ya1; do prof $w $B "$pr-$v" "$(ov $c $v)" "--precision $pr"; done
done
} > $o/ab.txt 2>&1
for r in 1 2; do
  for c in $cases; do
    IFS=: read w pr B <<< "$c"
    case "${P[$c]}" in *strategy=stream*) ;; *) continue;; esac
    for v in ya0 ya1; do
      FLASHMLP_OVERRIDES="$(ov $c $v)" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
        --batch $B --weights $w --precision $pr --impl flashmlp --reps 10 --budget 0.3 \
        --csv $o/bench-$w-$pr-$B-$v-r$r.csv --no-plot > $o/bench-$w-$pr-$B-$v-r$r.log 2>&1
    done
  done
done
cat $o/gpu.txt
grep -v "^#" $o/ab.txt | cut -c1-150
for c in $cases; do
  IFS=: read w pr B <<< "$c"; line="$w+$pr B=$B:"
  for v in ya0 ya1; do
    line="$line $v"
    for r in 1 2; do
      f=$o/bench-$w-$pr-$B-$v-r$r.csv; [ -f $f ] || continue
      line="$line $(grep -v '^#' $f | awk -F, 'NR == 2 {printf "%s%s(%s)", $9, ($21 == "ok" ? "" : "!"), $16}')"
    done
  done
  echo "$line"
done
