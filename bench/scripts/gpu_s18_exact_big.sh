#!/bin/bash
# Eighteenth session: the exact block formats at B = 1024 and 4096. h200-s18-record measured
# them 0.85-0.93x of fp32's speed there (affine_q3 9.44 ms against 8.00 at 1024; q4_0 31.6
# against 29.3 at 4096): they run nvidia-sm_90.db's generic tiles (64 x 64 at B=129-2048), where
# fp32 has tiles tuned on this card. Candidates: fp32's own tiles with the fields straight into
# the tensor cores (iw=1) and without (iw=0), and a 128 x 128 tile.
# Prediction: with fp32's B=2049- tile and iw=1 the exact formats 0.95-1.10x of fp32 at 4096;
# with fp32's B=513-2048 tile at 1024 likewise.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
bench() { # bench <tag> <weights> <batches> [overrides]
  FLASHMLP_OVERRIDES="$4" timeout 120 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch $3 --weights $2 --impl flashmlp --reps 5 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench f32 f32 1024,4096
bench shipped $F 1024,4096
bench t4096-iw1 $F 1024,4096 "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 iw=1"
bench t4096-iw0 $F 4096 "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 iw=0"
bench t1024-iw1 $F 1024 "strategy=mma mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1 order=0 iw=1"
bench t128-iw1 $F 1024,4096 "strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=1 iw=1"
cat $o/gpu.txt
for f in f32 shipped t4096-iw1 t4096-iw0 t1024-iw1 t128-iw1; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
