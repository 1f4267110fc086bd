#!/bin/bash
# Thirteenth session: the stream strategy's two-kernel form (dk=1) against the shipped B=1
# plans, Llama-3-8B SwiGLU. Phase 1 keeps the shipped plan's parameters; the down kernel's
# shapes vary. The read probe in this session's first call (h200-s13-probe) put one read of
# these bytes split 2/3 + 1/3 into two kernels at 29.8 us (q4_0's 99 MB) and 87.2 us (f16's
# 352 MB) in a burst, against the shipped plans' 35.8 and 92.4-93.2. Prediction: q4_0+int8
# 35.8 -> 32-33 us, f16 93 -> 89-90, fp32 173 -> 168-170. Per case: flashmlp run --profile
# (medians of 9) once, flashmlp-bench (burst) twice, alternating. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
declare -A P
V0=""
V1="dk=1 dsp=1 dc=32 dw=1024"
V2="dk=1 dsp=1 dc=16 dw=512"
V3="dk=1 dsp=8 dc=128 dw=256"
V4="dk=1 dsp=32 dc=128 dw=256"
V5="dk=1 dsp=4 dc=32 dw=512"
vs="V0 V1 V2 V3 V4 V5"
cases=${CASES:-"f32:exact f16:exact q4_0:int8 q8_0:int8 affine_q2:int8 bf16:exact"}
# the shipped plan without the two-kernel parameters, then the variant's appended
ov() { echo "$(echo ${P[$1]} | sed -E 's/ (dk|dsp|dc|dw|dr)=[0-9]+//g') ${!2}"; }
{
for c in $cases; do
  IFS=: read w pr <<< "$c"; P[$c]=$(plan $w 1 "--precision $pr"); echo "# $c: ${P[$c]}"
done
for c in $cases; do
  IFS=: read w pr <<< "$c"
  for v in $vs; do prof $w 1 "$pr-$v" "$(ov $c $v)" "--precision $pr"; done
done
} > $o/ab.txt 2>&1
for r in 1 2; do
  for c in $cases; do
    IFS=: read w pr <<< "$c"
    for v in $vs; do
      FLASHMLP_OVERRIDES="$(ov $c $v)" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
        --batch 1 --weights $w --precision $pr --impl flashmlp --reps 10 --budget 0.3 \
        --csv $o/bench-$w-$pr-$v-r$r.csv --no-plot > $o/bench-$w-$pr-$v-r$r.log 2>&1
    done
  done
done
cat $o/gpu.txt
grep -v "^#" $o/ab.txt | cut -c1-140
for c in $cases; do
  IFS=: read w pr <<< "$c"; line="$w+$pr B=1:"
  for v in $vs; do
    line="$line $v"
    for r in 1 2; do
      f=$o/bench-$w-$pr-$v-r$r.csv; [ -f $f ] || continue
      line="$line $(grep -v '^#' $f | awk -F, 'NR == 2 {printf "%s%s", $9, ($21 == "ok" ? "" : "!")}')"
    done
  done
  echo "$line"
done
