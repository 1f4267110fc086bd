#!/bin/bash
# Twelfth session: the int8 stream plans' partial sums in bf16 (parameter ps) against fp32, in
# one build. Prediction (H200): the partial sums are 448 slices x B x H floats at ti=32 (7.3 MB
# at B=1) and 224 x 8 x H at the bt=8 plans' ti=64 (29 MB at B=8), written once and read once;
# half of that traffic at ~4.4 TB/s: q4_0+int8 B=1 36.7 -> ~35.2 us, q8_0+int8 B=1 58.7 -> ~57.2,
# the int8 plans at B=8 ~85 -> ~79 us (7%), at B=4 ~3 us less. Per case the shipped plan
# (read from a first run) against it with ps=1: flashmlp run --profile (medians of 9) and
# flashmlp-bench (burst), two rounds each, alternating. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
plan() {
  timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 2 --check-rows 1 $3 2>&1 |
    grep -o 'strategy=[^(]*' | head -1 | sed 's/ *$//'
}
declare -A P
cases="q4_0:1 q8_0:1 affine_q2:1 affine_q4:1 affine_q8:1 q4_0:8 affine_q2:8 affine_q4:8 q4_0:4 affine_q4:16"
{
for c in $cases; do
  IFS=: read w B <<< "$c"; P[$c]=$(plan $w $B "--precision int8"); echo "# $c: ${P[$c]}"
done
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B <<< "$c"; s=${P[$c]}
    case "$s" in *strategy=stream*) ;; *) echo "# $c: not a stream plan"; continue;; esac
    prof $w $B "int8-ps0-r$r" "$s" "--precision int8"
    prof $w $B "int8-ps1-r$r" "${s/ps=0/ps=1}" "--precision int8"
  done
done
} > $o/ab.txt 2>&1
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B <<< "$c"; s=${P[$c]}
    case "$s" in *strategy=stream*) ;; *) continue;; esac
    for v in ps0 ps1; do
      ov=$s; [ $v = ps1 ] && ov=${s/ps=0/ps=1}
      FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
        --batch $B --weights $w --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
        --csv $o/bench-$w-$B-$v-r$r.csv --no-plot > $o/bench-$w-$B-$v-r$r.log 2>&1
    done
  done
done
cat $o/gpu.txt
grep -v "^#" $o/ab.txt | sort -k1,1 -k2,2n -k3,3 -s | cut -c1-130
for c in $cases; do
  IFS=: read w B <<< "$c"; line="$w+int8 B=$B:"
  for r in 1 2; do for v in ps0 ps1; do
    f=$o/bench-$w-$B-$v-r$r.csv; [ -f $f ] || continue
    line="$line $v/r$r $(grep -v '^#' $f | awk -F, 'NR == 2 {print $9, $20}')"
  done; done
  echo "$line"
done
