#!/bin/bash
# For the next session (not run: the twenty-first session's device time ran out).
# (1) ops/stream_rows_in_registers on the card (rb=1 ran on the H200 only through the benchmark's
#     sample-row checks; the call's test binary was not built).
# (2) rb=1 with more rows: exact affine_q3 (and affine_q8, q4_0) at B = 16 and 32 on stream plans
#     of 16 rows (one and two tiles) against the shipped mmav tiles, fp32 in the run; exact
#     affine_q3 is 0.95x fp32 there on the H200, the last such cells.
# (3) exact affine_q3 at B=8 with rb=1 on the H100 and on the other shapes (the H200's new Llama
#     entry is the only one).
# Prediction: (2) affine_q3 at 16 200.6 -> 185-200 us (the B=8 gain, 1.13x, shrinking as the
# rows' FMAs grow), others slower than mmav; (3) H100 190 -> 170-185.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
(cd $b && timeout 120 ./tests/test_ops --filter 'ops/stream_rows_in_registers' --jobs 4) > $o/test.txt 2>&1
tail -1 $o/test.txt
R() { local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --impl flashmlp --reps 10 --budget 0.25 \
    --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1; }
S8="strategy=stream wgs=256 kl=16 ti=64 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1"
S16="strategy=stream wgs=256 kl=16 ti=64 bt=16 vw=1 xc=256 cu=4 re=16 rg=16 xv=4 rb=1"
for r in 1 2; do
  R ship-r$r "" --shapes llama3-8b --batch 16,32 --weights f32,affine_q3,affine_q8,q4_0
  R s16-r$r "$S16" --shapes llama3-8b --batch 16,32 --weights affine_q3,affine_q8,q4_0
  for s in llama3-8b qwen2.5-7b gemma-2b llama3-70b-tp8; do
    R $s-b8-ship-r$r "" --shapes $s --batch 8 --weights f32,affine_q3
    R $s-b8-s8-r$r "$S8" --shapes $s --batch 8 --weights affine_q3
  done
done
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
