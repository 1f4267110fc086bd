#!/bin/bash
# Nineteenth session: every format on the shapes whose fp32 entries this session made faster
# (GPT-2 B=16/64/256 up to 2.07x, Qwen2.5-7B B=64/256, the 70B shard B=16/128/256), to see that
# no format became slower than fp32 there; and, for GPT-2 at B=64 and 256, fp32's new plans as
# overrides for the block formats (the stream kernel with 8 batch rows a pass; the 64 x 64 mma
# tile with iw=1).
# Prediction (written before the call): GPT-2 B=64 and 256 exact block formats now 0.5-0.8x of
# fp32 on their old plans, int8 0.6-1.2x; with fp32's plans 1.0-1.6x. Qwen and the shard: every
# format within 0.9-1.3x of fp32's new times, some below 1.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
ALL=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
Q=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
B() { # name shape batches weights [precision] [overrides]
  FLASHMLP_OVERRIDES="$6" timeout 90 $b/flashmlp-bench --shapes $2 --batch $3 --weights $4 \
    --precision ${5:-exact} --impl flashmlp --reps 10 --budget 0.25 --csv $o/$1.csv --no-plot \
    > $o/$1.log 2>&1
}
B gpt2 gpt2 16,64,256 $ALL
B gpt2-int8 gpt2 16,64,256 $Q int8
B gpt2-64-stream gpt2 64 $Q exact "strategy=stream wgs=256 kl=16 ti=32 bt=8 xc=256"
B gpt2-64-stream-int8 gpt2 64 $Q int8 "strategy=stream wgs=256 kl=16 ti=32 bt=8 xc=256"
B gpt2-256-mma gpt2 256 $Q exact "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1"
B qwen qwen2.5-7b 64,256 $ALL
B shard llama3-70b-tp8 16,128,256 $ALL
B shard-int8 llama3-70b-tp8 16,128,256 $Q int8
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s; ", $h["weights"], $h["B"], $h["time_us"] ($h["check"] == "ok" ? "" : "!" $h["check"])} END {print ""}'
done
