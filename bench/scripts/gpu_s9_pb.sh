#!/bin/bash
# Ninth session, second call: the stream kernel's block loads a step ahead (pb=1) at B=1.
# (1) the tests of pb on the card; (2) A/B, flashmlp run --reps 9, alternating, twice: every
# block format's B=1 database entry (nvidia-sm_90.db) with pb=0, the same with pb=1, and pb=1
# with fewer rows a thread (ti=32 kl=32 xc=1024), exact and int8; (3) B=1 stream tunes with
# pb in the space, exact and int8. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
$b/tests/test_ops --filter 'ops/stream_prefetch' > $o/test-pb.txt 2>&1
$b/tests/test_errors > $o/test-errors.txt 2>&1
one() { # one <weights> <precision> <overrides> <tag>
  FLASHMLP_OVERRIDES="$3" $b/flashmlp run --weights $1 --precision $2 --batch 1 --reps 9 \
    --check-rows 1 2>&1 |
  awk -v w=$1-$2 -v t="$4" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
S="strategy=stream bt=1"
A="$S wgs=256 kl=32 ti=64 xc=1024"   # q4_0, q8_0, affine_q8 exact
C="$S wgs=256 kl=16 ti=32 xc=4096"   # affine_q2/q3/q4 exact, every int8 entry
T="$S wgs=256 kl=32 ti=32 xc=1024"
for r in 1 2; do
  for w in q4_0 q8_0 affine_q8; do
    one $w exact "$A pb=0" db; one $w exact "$A pb=1" pb; one $w exact "$T pb=1" pb-ti32
  done
  for w in affine_q2 affine_q3 affine_q4; do
    one $w exact "$C pb=0" db; one $w exact "$C pb=1" pb; one $w exact "$T pb=1" pb-ti32
  done
  for w in q4_0 q8_0 affine_q4 affine_q8; do
    one $w int8 "$C pb=0" db; one $w int8 "$C pb=1" pb; one $w int8 "$T pb=1" pb-ti32
  done
  one affine_q2 int8 "$C xv=1 pb=0" db; one affine_q2 int8 "$C xv=1 pb=1" pb
  one affine_q2 int8 "$T pb=1" pb-ti32
  one f32 exact "" db
done > $o/ab.txt 2>&1
$b/flashmlp-tune --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --batch 1 \
  --strategies stream --total-budget 170 --out $o/pb-b1.db > $o/tune-b1.log 2>&1
$b/flashmlp-tune --weights q4_0,q8_0,affine_q2,affine_q4,affine_q8 --precision int8 --batch 1 \
  --strategies stream --total-budget 130 --out $o/pb-b1-int8.db > $o/tune-b1-int8.log 2>&1
cat $o/gpu.txt; tail -1 $o/test-pb.txt; tail -1 $o/test-errors.txt
sort -k1,1 -k3,3 $o/ab.txt | awk '{k=$1" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort
grep -h -A8 'tuned ms' $o/tune-b1.log $o/tune-b1-int8.log | grep -v "^ \|^$" | cut -c1-220
