#!/bin/bash
# Twenty-first session, call 1. (1) ops/tensor_core_load_hint and ops/stream_load_hint on the
# card: na=1 and na=2 in every strategy, every format, against the reference. (2) na in the
# tensor-core kernels: the shipped plans with na=0, 1, 2 as overrides (keys alone: every entry
# whose strategy has na takes it), two rounds alternating, each in its own process; at B=1
# (stream, shipped na=1) na=1 against na=2. (3) The cells of bench/scripts/gpu_next_s21.sh part
# (1) and the int8 formats at B = 2 and 4 on affine_q3+int8's tuned stream plans, and the exact
# block formats at B=8 on a stream plan of 8 batch rows.
# Predictions (written before the call):
#  (2) na=1: mmav fp32 and f16 at B=16 1-3% faster (fp32 200 -> 194-198 us); mma fp32 at B=64
#      0-3% (564 -> 548-564); mmaq q4_0+int8 at B = 16/64 1-5%; exact q4_0 at B=8 (mmav wl=1)
#      1-4%. na=2 within 1% of na=1, except where tiles re-read weights from L2 (mma at B=256,
#      4 batch tiles of 64): 5-20% slower there.
#  (3) exact q8_0 at B=2 158 -> 85-95 us, q4_0/affine_q2/affine_q4 141-155 -> 60-80; at B=4
#      1.2-1.5x. int8 at B=2 (66-82 us on bt=4/8 plans) -> 40-55 with bt=2; at B=4 (79-86) ->
#      55-65. Exact block formats at B=8 on stream bt=8: affine_q3 191 -> 150-200, the others
#      level or slower than their mmav plans (143-165).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
T() { echo "$(date +%s) $*" >> $o/times.txt; }
T start
(cd $b && timeout 200 ./tests/test_ops --filter 'ops/*load_hint' --jobs 4) > $o/test.txt 2>&1
tail -1 $o/test.txt
T tests
R() { # name overrides bench-args...
  local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 90 $b/flashmlp-bench --shapes llama3-8b --impl flashmlp \
    --reps 10 --budget 0.25 --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1
}
for r in 1 2; do
  for na in 0 1 2; do
    R na$na-f-r$r "na=$na" --batch 16,64 --weights f32,f16,bf16
    R na$na-x-r$r "na=$na" --batch 8,32 --weights q4_0,q8_0,affine_q4
    R na$na-q-r$r "na=$na" --batch 16,64 --weights q4_0,q8_0,affine_q2 --precision int8
    R na$na-big-r$r "na=$na" --batch 256 --weights f32
  done
  for na in 1 2; do
    R b1na$na-f-r$r "na=$na" --batch 1 --weights f32,f16
    R b1na$na-q-r$r "na=$na" --batch 1 --weights q4_0,q8_0,affine_q2 --precision int8
  done
  T "na round $r"
done
S2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
S4="strategy=stream wgs=256 kl=16 ti=64 bt=4 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
S8="strategy=stream wgs=256 kl=16 ti=64 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
Q2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=2048 dp=1 cu=4 re=16 rg=32 xv=4 pb=0 dl=1 ps=1"
Q4="strategy=stream wgs=256 kl=8 ti=64 bt=4 vw=1 xc=1024 dp=1 cu=4 re=16 rg=16 xv=4 pb=1 dl=0 ps=1"
for r in 1 2; do
  for B in 2 4; do
    ov=$S2; q=$Q2; [ $B = 4 ] && ov=$S4 && q=$Q4
    R ex$B-shipped-r$r "" --batch $B --weights f32,q8_0,q4_0,affine_q2,affine_q4
    R ex$B-stream-r$r "$ov" --batch $B --weights q8_0,q4_0,affine_q2,affine_q4
    R i$B-shipped-r$r "" --batch $B --weights q8_0,q4_0,affine_q2,affine_q4,affine_q8 --precision int8
    R i$B-stream-r$r "$q" --batch $B --weights q8_0,q4_0,affine_q2,affine_q4,affine_q8 --precision int8
  done
  R ex8-shipped-r$r "" --batch 8 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
  R ex8-stream-r$r "$S8" --batch 8 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
  T "gaps round $r"
done
cat $o/gpu.txt $o/times.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
