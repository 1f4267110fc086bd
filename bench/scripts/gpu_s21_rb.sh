#!/bin/bash
# Twenty-first session, call 5 (the device time's last ~4 min): stream parameter rb on the GPU.
# (1) ops/stream_rows_in_registers on the card. (2) Llama-3-8B exact block formats at B = 2 and 4
# on the shipped stream entries with rb=0 and rb=1 (keys alone), one round. (3) B=8 on a stream
# plan of 8 rows with rb=1 against the shipped mmav tiles, fp32 in the run.
# Prediction: (2) 1.1-1.5x (x's reads from local memory are per lane in phase 1), affine_q3
# level or slower (1.8x slower on PoCL); (3) 60-120 us against mmav's 143-191 for q8_0, q4_0,
# affine_q4, which would put the exact formats at B = 5-8 on the stream kernel.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
(cd $b && timeout 50 ./tests/test_ops --filter 'ops/stream_rows_in_registers' --jobs 4) > $o/test.txt 2>&1
tail -1 $o/test.txt
R() { local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 40 $b/flashmlp-bench --impl flashmlp --reps 10 --budget 0.25 \
    --shapes llama3-8b --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1; }
W=q8_0,q4_0,affine_q3,affine_q4,affine_q8
R rb0 "rb=0" --batch 2,4 --weights $W
R rb1 "rb=1" --batch 2,4 --weights $W
R s8 "strategy=stream wgs=256 kl=16 ti=64 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1" --batch 8 --weights $W
R ship8 "" --batch 8 --weights f32,$W
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
