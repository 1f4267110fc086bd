#!/bin/bash
# Eighteenth session: h200-s18-check found fp32 on the Llama-3-70B shard at B=64 1.46x faster with
# q4_0's tuned 32-row tile (368.9 against 537.4 us), which would leave the exact affine formats
# (409-435 us) below fp32 there. The affine formats with q4_0's tile (iw=1), and fp32 at B=128
# with the 32-row tile against its shipped plan.
# Prediction: the affine formats with q4_0's tile 340-380 us; fp32 at B=128 1.2-1.4x faster.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
T="mt=64 nt=32 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=1 dwn=4 splits=4 order=1 dorder=1"
bench() { # bench <tag> <weights> <batches> [overrides]
  FLASHMLP_OVERRIDES="$4" timeout 100 $b/flashmlp-bench --shapes llama3-70b-tp8 --batch $3 \
    --weights $2 --impl flashmlp --reps 5 --budget 0.2 --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench affine-t32 affine_q2,affine_q3,affine_q4,affine_q8 64 "strategy=mma $T iw=1"
bench f32 f32 64,128
bench f32-t32 f32 64,128 "strategy=mma $T"
cat $o/gpu.txt
for f in affine-t32 f32 f32-t32; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
