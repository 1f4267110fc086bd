#!/bin/bash
# Eighteenth session: after h200-s18-shapes2, two cells of the exact block formats still below
# fp32: the Llama-3-70B shard at B=64 (0.92-0.95x) and GPT-2 at B=1024 (0.84-0.93x, on the large
# tile, where the generic 64 x 64 tile had been faster than fp32). Candidates: fp32's own
# shape-less tiles (what fp32 runs on these shapes) with iw=1, as overrides; fp32 in the call.
# Prediction: with fp32's tiles and iw=1 every exact format 1.0-1.2x of fp32 in these cells.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
bench() { # bench <tag> <weights> <batches> [overrides]
  FLASHMLP_OVERRIDES="$4" timeout 150 $b/flashmlp-bench --shapes gpt2,llama3-70b-tp8 \
    --batch $3 --weights $2 --impl flashmlp --reps 5 --budget 0.2 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench f32 f32 64,256,1024
bench c64 $F 64 "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 iw=1"
bench c1024 $F 256,1024 "strategy=mma mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1 iw=1"
cat $o/gpu.txt
for f in f32 c64 c1024; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["shape"], $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
