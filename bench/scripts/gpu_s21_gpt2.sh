#!/bin/bash
# Twenty-first session, call 4: GPT-2 (plain GELU MLP, 768 x 3072) at B = 3 and 4 on the stream
# plans of 4 batch rows against its shipped tiles (call 3 found the B=2 plans 1.3-2x faster
# for the exact formats, and shipped exact q8_0 below fp32 at B = 2 and 4).
# Prediction: exact 1.3-1.8x at B=4, int8 1.0-1.6x (affine_q2+int8 perhaps slower, as at B=2).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
R() { local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --impl flashmlp --reps 10 --budget 0.25 \
    --shapes gpt2 --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1; }
S4="strategy=stream wgs=256 kl=16 ti=64 bt=4 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
Q4="strategy=stream wgs=256 kl=8 ti=64 bt=4 vw=1 xc=1024 dp=1 cu=4 re=16 rg=16 xv=4 pb=1 dl=0 ps=1"
ALL=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
R shipped "" --batch 3,4 --weights f32,$ALL --precision exact,int8
R ex4 "$S4" --batch 3,4 --weights $ALL
R i4 "$Q4" --batch 3,4 --weights $ALL --precision int8
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
