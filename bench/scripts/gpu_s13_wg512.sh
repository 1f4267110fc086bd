#!/bin/bash
# Thirteenth session: the stream kernel at B=1 with 512 and 1024 threads a work-group, which
# the plan check refused on NVIDIA until now (the driver reports 256 for every kernel; it runs
# 512 and 1024: gpu_s13_wg.sh). FLASHMLP_TRUST_COMPILED_WG=1 lets them through. Prediction:
# none known; fewer, larger work-groups change the phase overlap (the 448 work-groups of 256
# are all resident), so +-5%. Per case: flashmlp run --profile once and flashmlp-bench (burst)
# once for the shipped plan and each shape. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
export FLASHMLP_TRUST_COMPILED_WG=1
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
cases="f32:exact f16:exact q4_0:int8 q8_0:int8"
vs="W0 W1 W2 W3 W4 W5"
W0=""; W1="wgs=512 kl=16 ti=64"; W2="wgs=512 kl=32 ti=32"; W3="wgs=1024 kl=32 ti=64"
W4="wgs=1024 kl=64 ti=32"; W5="wgs=512 kl=16 ti=32"
ov() {
  local s=${P[$1]}
  for kv in ${!2}; do k=${kv%%=*}; s=$(echo "$s" | sed -E "s/ $k=[0-9]+/ $kv/"); done
  echo "$s"
}
{
for c in $cases; do
  IFS=: read w pr <<< "$c"; P[$c]=$(plan $w 1 "--precision $pr"); echo "# $c: ${P[$c]}"
done
for c in $cases; do
  IFS=: read w pr <<< "$c"
  for v in $vs; do prof $w 1 "$pr-$v" "$(ov $c $v)" "--precision $pr"; done
done
} > $o/ab.txt 2>&1
for c in $cases; do
  IFS=: read w pr <<< "$c"
  for v in $vs; do
    FLASHMLP_OVERRIDES="$(ov $c $v)" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
      --batch 1 --weights $w --precision $pr --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/bench-$w-$pr-$v.csv --no-plot > $o/bench-$w-$pr-$v.log 2>&1
  done
done
cat $o/gpu.txt
grep -v "^#" $o/ab.txt | cut -c1-150
for c in $cases; do
  IFS=: read w pr <<< "$c"; line="$w+$pr B=1:"
  for v in $vs; do
    f=$o/bench-$w-$pr-$v.csv; [ -f $f ] || continue
    line="$line $v $(grep -v '^#' $f | awk -F, 'NR == 2 {printf "%s%s", $9, ($21 == "ok" ? "" : "!")}')"
  done
  echo "$line"
done
