#!/bin/bash
# Twelfth session, H200: the dl variants that the H100 call (gpu_s12_dl.sh) found faster, or
# even, on the target card. Per case "weights:B:precision:n", the shipped plan against the same
# plan with dl=n: flashmlp run --profile (medians of 9, two rounds, alternating) and
# flashmlp-bench (burst, two rounds, alternating). Prediction from the H100: q8_0+int8 B=1 3%
# faster, the int8 stream plans at B=2-8 1-2%, fp32 B=1 with dl=8 about 1%, f16/bf16 even.
# $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
plan() { # plan <weights> <B> [run options]: the shipped plan's parameter string
  timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 2 --check-rows 1 $3 2>&1 |
    grep -o 'strategy=[^(]*' | head -1 | sed 's/ *$//'
}
declare -A P
cases="q8_0:1:int8:1 q4_0:1:int8:1 f32:1:exact:8 f16:1:exact:8 bf16:1:exact:8 q4_0:8:int8:1 q8_0:8:int8:1 affine_q4:8:int8:1 affine_q2:4:int8:1"
{
for c in $cases; do
  IFS=: read w B p d <<< "$c"
  P[$c]=$(plan $w $B "--precision $p"); echo "# $c: ${P[$c]}"
done
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B p d <<< "$c"; s=${P[$c]}
    case "$s" in *strategy=stream*) ;; *) echo "# $c: not a stream plan"; continue;; esac
    prof $w $B "$p-dl0-r$r" "$s" "--precision $p"
    prof $w $B "$p-dl$d-r$r" "${s/dl=0/dl=$d}" "--precision $p"
  done
done
} > $o/ab.txt 2>&1
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B p d <<< "$c"; s=${P[$c]}
    case "$s" in *strategy=stream*) ;; *) continue;; esac
    for v in dl0 dl$d; do
      ov=$s; [ $v != dl0 ] && ov=${s/dl=0/dl=$d}
      FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
        --batch $B --weights $w --precision $p --impl flashmlp --reps 10 --budget 0.3 \
        --csv $o/bench-$w-$B-$p-$v-r$r.csv --no-plot > $o/bench-$w-$B-$p-$v-r$r.log 2>&1
    done
  done
done
cat $o/gpu.txt
grep -v "^#" $o/ab.txt | sort -k1,1 -k2,2n -k3,3 -s | cut -c1-130
for c in $cases; do
  IFS=: read w B p d <<< "$c"; line="$w B=$B $p:"
  for r in 1 2; do for v in dl0 dl$d; do
    f=$o/bench-$w-$B-$p-$v-r$r.csv; [ -f $f ] || continue
    line="$line $v/r$r $(grep -v '^#' $f | awk -F, 'NR == 2 {print $9}')"
  done; done
  echo "$line"
done
