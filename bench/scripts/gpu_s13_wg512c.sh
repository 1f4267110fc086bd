#!/bin/bash
# Thirteenth session, after gpu_s13_wg512b.sh: the register counts now travel with the disk
# cache entries (a program built from a cached binary has none in its log, so the 512-thread
# plans failed there). First: does a 512-thread plan build from a fresh program cache and
# again from the disk cache? Then W1 (wgs=512 kl=16 ti=64, 224 work-groups, half the partial
# sums) against the shipped plans, two burst rounds alternating; prediction from the first
# round (h200-s13-wg512): 2.5-3% faster for f32, f16, bf16 and q8_0+int8. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
export FLASHMLP_CACHE_DIR=/tmp/s13-cache; rm -rf $FLASHMLP_CACHE_DIR
for pass in fresh cached; do
  FLASHMLP_OVERRIDES="strategy=stream wgs=512 kl=16 ti=64 bt=1 vw=8 xc=2048" timeout 60 \
    $b/flashmlp run --weights f16 --batch 1 --reps 3 --build-log > $o/build-$pass.txt 2>&1
  echo "$pass: rc=$? $(grep -c 'Used [0-9]* registers' $o/build-$pass.txt) register lines; $(grep -E '^ +1 ' $o/build-$pass.txt | cut -c1-60)"
done > $o/cache.txt
declare -A P
cases="f32:exact f16:exact bf16:exact q8_0:int8 affine_q8:int8"
vs="W0 W1"
# explicit both ways: the databases now ship W1 for f32, f16 and bf16 at B=1
W0="wgs=256 kl=16 ti=32"; W1="wgs=512 kl=16 ti=64"
{
for c in $cases; do
  IFS=: read w pr <<< "$c"; P[$c]=$(plan $w 1 "--precision $pr"); echo "# $c: ${P[$c]}"
done
} > $o/ab.txt 2>&1
for r in 1 2; do
  for c in $cases; do
    IFS=: read w pr <<< "$c"
    for v in $vs; do bench1 $w $pr 1 $w-$pr-$v-r$r "$(with_params "${P[$c]}" "${!v}")"; done
  done
done
cat $o/gpu.txt $o/cache.txt
grep -v "^#" $o/ab.txt | cut -c1-150
for c in $cases; do
  IFS=: read w pr <<< "$c"; line="$w+$pr B=1:"
  for v in $vs; do
    line="$line $v"
    for r in 1 2; do
      f=$o/bench-$w-$pr-$v-r$r.csv; [ -f $f ] && line="$line $(bench_time $f)"
    done
  done
  echo "$line"
done
