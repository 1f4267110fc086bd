#!/bin/bash
# Eighteenth session, last call: the entries written from h200-s18-shapes3 and -tune70b as
# shipped (every exact block format on the 70B shard at B=64 and on GPT-2 at B=1024, fp32 in
# the call), and fp32 itself on the shard at B=64 with q4_0's tuned tile as an override.
# Prediction: every exact format faster than fp32 in both cells (shard 1.2-1.6x, GPT-2
# 1.15-1.25x); fp32 with the 32-row tile 1.1-1.3x faster than its shipped plan (538.6 us).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
bench() { # bench <tag> <shape> <weights> <batches> [overrides]
  FLASHMLP_OVERRIDES="$5" timeout 100 $b/flashmlp-bench --shapes $2 --batch $4 --weights $3 \
    --impl flashmlp --reps 5 --budget 0.2 --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench shard llama3-70b-tp8 $F 64
bench gpt2 gpt2 $F 1024
bench f32-nt32 llama3-70b-tp8 f32 64 "strategy=mma mt=64 nt=32 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=1 dwn=4 splits=4 order=1 dorder=1"
cat $o/gpu.txt
for f in shard gpt2 f32-nt32; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["shape"], $h["weights"], $h["B"], $h["time_us"], $h["vs_f32"], $h["check"]}'
done
