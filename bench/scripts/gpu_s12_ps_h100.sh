#!/bin/bash
# Twelfth session, H100: the ps=1 entries of nvidia-sm_90.db (measured on an H200) on the other
# card. Per case the shipped plan (read from a first run; ps=1 where the database now gives it)
# against the same plan with ps flipped: flashmlp-bench (burst), two rounds, alternating. Then
# test_ops's stream tests on the card. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
plan() {
  timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 2 --check-rows 1 $3 2>&1 |
    grep -o 'strategy=[^(]*' | head -1 | sed 's/ *$//'
}
declare -A P
cases="q4_0:1 q8_0:1 affine_q4:1 affine_q8:1 affine_q4:16"
for c in $cases; do
  IFS=: read w B <<< "$c"; P[$c]=$(plan $w $B "--precision int8"); echo "# $c: ${P[$c]}"
done > $o/plans.txt
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B <<< "$c"; s=${P[$c]}
    for v in shipped flipped; do
      ov=$s
      if [ $v = flipped ]; then case "$s" in *ps=1*) ov=${s/ps=1/ps=0};; *) ov=${s/ps=0/ps=1};; esac; fi
      FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
        --batch $B --weights $w --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
        --csv $o/bench-$w-$B-$v-r$r.csv --no-plot > $o/bench-$w-$B-$v-r$r.log 2>&1
    done
  done
done
timeout 300 $b/tests/test_ops --filter 'ops/stream_*' --jobs 16 > $o/test-ops-stream.txt 2>&1
echo "test_ops stream rc=$?" >> $o/test-ops-stream.txt
cat $o/gpu.txt; cat $o/plans.txt | cut -c1-150; tail -2 $o/test-ops-stream.txt
for c in $cases; do
  IFS=: read w B <<< "$c"; line="$w+int8 B=$B:"
  for r in 1 2; do for v in shipped flipped; do
    line="$line $v/r$r $(grep -v '^#' $o/bench-$w-$B-$v-r$r.csv | awk -F, 'NR == 2 {print $9}')"
  done; done
  echo "$line"
done
