#!/bin/bash
# Tenth session, first call: the mma kernels' two local buffers (db, ddb).
# (1) the tensor-core test of the mma iw path (db=1 ddb=1 among its plans);
# (2) A/B with `flashmlp run --profile` (each plan checked against the reference on sample
#     rows): fp32 B=64 and B=128, the database's tiles against the same tiles with kt/dkt 16
#     and with db/ddb (a 64 x 64 tile of kt 32 does not fit 48 KB twice);
# (3) a tune of fp32 B=64,128 (mma) with db/ddb in the space, written as an overlay;
# (4) flashmlp-bench fp32 B=64,128,256 without and with that overlay, in this call.
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 120 $b/tests/test_ops --filter 'ops/mma_integer_weights' > $o/test-mma-iw.txt 2>&1
prof() { # prof <weights> <B> <tag> <overrides>
  FLASHMLP_OVERRIDES="$4" timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 9 \
    --check-rows 2 --profile > $o/raw-$1-$2-$3.txt 2>&1
  awk -v w=$1 -v B=$2 -v t="$3" '$1 ~ /^[0-9]+$/ && NF > 5 {tot=$2*1000; err=$5}
    /fmlp_/ {k=k" "$1"="$2} /FAIL|fail|rror/ {bad=" FAILED"}
    END {print w, B, t, "total", tot, "us err", err bad ";", k}' $o/raw-$1-$2-$3.txt; }
E64="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=4"
E128="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2"
{
for r in 1 2; do
  prof f32 64 entry "$E64"
  prof f32 64 entry-ddb "$E64 ddb=1"
  prof f32 64 kt16 "${E64/kt=32/kt=16}"
  prof f32 64 kt16-db "${E64/kt=32/kt=16} db=1"
  prof f32 64 kt16-db-ddb "${E64/kt=32/kt=16} db=1 ddb=1"
  prof f32 128 entry "$E128"
  prof f32 128 kt16 "${E128/kt=32/kt=16}"
  prof f32 128 kt16-db "${E128/kt=32/kt=16} db=1"
  prof f32 128 dkt16-ddb "${E128/dkt=32/dkt=16} ddb=1"
  prof f32 128 both16-db-ddb "$(echo $E128 | sed 's/ kt=32/ kt=16/; s/dkt=32/dkt=16/') db=1 ddb=1"
  prof q4_0 64 kt16-db-ddb "strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=1 iw=1 db=1 ddb=1"
  prof q4_0 64 entry "strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=1 iw=1"
done
} > $o/ab.txt 2>&1
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --weights f32 --batch 64,128 --strategies mma --total-budget 170 \
  --try "$E64" --try "$E128" \
  --try "${E64/kt=32/kt=16} db=1 ddb=1" \
  --try "$(echo $E128 | sed 's/ kt=32/ kt=16/; s/dkt=32/dkt=16/') db=1 ddb=1" \
  --out $o/ovl/s10-f32-mma.db > $o/tune-f32.log 2>&1
bench() { # bench <tag> (overlay or not by FLASHMLP_TUNING_DIR)
  timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 64,128,256 --weights f32 \
    --impl flashmlp --reps 10 --budget 0.5 --csv $o/bench-$1.csv --no-plot > $o/bench-$1.log 2>&1; }
FLASHMLP_TUNING_DIR=$o/none bench shipped
bench overlay
FLASHMLP_TUNING_DIR=$o/none bench shipped2
cat $o/gpu.txt; tail -1 $o/test-mma-iw.txt
sort -k2,2n -k3,3 -s $o/ab.txt | cut -c1-200
grep -h -A4 'tuned ms' $o/tune-f32.log | grep -v "^$" | cut -c1-220
for t in shipped overlay shipped2; do echo "== $t"; tail -7 $o/bench-$t.log | head -4; done
