#!/bin/bash
# Ninth session, first call (a build with bench/results/2026-11-26-h200-s9-diag/diag.patch,
# which adds knock-out switches that are not in the library):
# (1) mmav at B=16 (q4_0 iw=1, fp32; database entries) with parts of the gate/up kernel
#     knocked out (MMAV_DIAG bits: 1 mma, 2 weight loads, 4 x loads, 8 the iw decode);
# (2) the stream kernel at B=1, q4_0 exact and int8, with the decode (STREAM_DIAG 1) and the
#     weight loads (2) knocked out;
# (3) A/B of the mma staging's field conversion (FMLP_DIAG_I2F: the integer-to-float
#     conversion before this session) at B=64 and 256 for the block formats, fp32 beside;
# (4) the tensor-core test of the mma iw path; (5) an mmav tune of the affine formats at B=16.
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
prof() { # prof <weights> <B> <tag> <build options> [run options]
  FLASHMLP_BUILD_OPTIONS="$4" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 1 \
    --profile $5 > $o/raw-$1-$2-$3.txt 2>&1
  awk -v w=$1 -v B=$2 -v t="$3" '$1 ~ /^[0-9]+$/ && NF > 5 {tot=$2*1000} /fmlp_/ {k=k" "$1"="$2}
    END {print w, B, t, "total", tot, "us;", k}' $o/raw-$1-$2-$3.txt; }
{
for d in 0 1 2 4 8 6 3; do prof q4_0 16 "mmav$d" "-DMMAV_DIAG=$d"; done
for d in 0 1 2 4 6 3; do prof f32 16 "mmav$d" "-DMMAV_DIAG=$d"; done
for d in 0 1 2 3; do prof q4_0 1 "stream$d" "-DSTREAM_DIAG=$d"; done
for d in 0 2; do prof q4_0 1 "stream-int8-$d" "-DSTREAM_DIAG=$d" "--precision int8"; done
for d in 0 2; do prof f16 1 "stream$d" "-DSTREAM_DIAG=$d"; done
} > $o/diag.txt 2>&1
one() { # one <weights> <B> <tag> [build options]
  FLASHMLP_BUILD_OPTIONS="$4" $b/flashmlp run --weights $1 --batch $2 --reps 9 --check-rows 1 2>&1 |
  awk -v w=$1 -v t="$3" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
for r in 1 2; do
  for B in 64 256; do
    for w in q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
      one $w $B i2f -DFMLP_DIAG_I2F; one $w $B magic
    done
    one f32 $B db
  done
done > $o/ab.txt 2>&1
$b/tests/test_ops --filter 'ops/mma_integer_weights' > $o/test-mma-iw.txt 2>&1
$b/flashmlp-tune --weights affine_q2,affine_q3,affine_q4,affine_q8 --batch 16 \
  --strategies mmav --total-budget 200 --out $o/affine-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt; tail -1 $o/test-mma-iw.txt
cat $o/diag.txt | cut -c1-160
sort -k1,1 -k2,2n -k3,3 $o/ab.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4"("$7")"} END {for (k in v) print k, v[k]}' | sort -k2,2n -k1,1
grep -h -A3 'tuned ms' $o/tune-b16.log | grep -v "^ \|^$" | cut -c1-200
