#!/bin/bash
# Eighteenth session, H100: the H200's new large-batch plans on the other card before they go
# into nvidia-h100.db. Int8 plans with mmaq (the H200's q4_0 tiles: B=64 fb=4 splits=16, B=256
# fb=8 bo=1, B=1024 kw=1 fb=8, B=4096 fb=8 splits=8) and the exact block formats with fp32's
# B=2049- tile and iw=1, each against the shipped choice and fp32 in the same call.
# Prediction: mmaq 1.3-2x over the shipped exact tiles at B = 64-4096 as on the H200; the exact
# formats with iw=1 at 1024/4096 1.05-1.2x over the shipped.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
bench() { # bench <tag> <weights> <batches> <precision> [overrides]
  FLASHMLP_OVERRIDES="$5" timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch $3 --weights $2 --precision $4 --impl flashmlp --reps 5 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
bench f32 f32 64,256,1024,4096 exact
bench int8-shipped $F 64,256,1024,4096 int8
bench q64 $F 64 int8 "strategy=mmaq wg=4 kw=2 fb=4 ku=2 dwg=2 dfb=2 dku=2 splits=16"
bench q256 $F 256 int8 "strategy=mmaq wg=2 kw=2 fb=8 ku=2 dwg=4 dfb=4 dku=2 splits=1 bo=1"
bench q1024 $F 1024 int8 "strategy=mmaq wg=2 kw=1 fb=8 ku=2 dwg=8 dfb=8 dku=2 splits=1 bo=1"
bench q4096 $F 4096 int8 "strategy=mmaq wg=2 kw=2 fb=8 ku=1 dwg=2 dfb=8 dku=1 splits=8 bo=1"
bench exact-shipped $F 1024,4096 exact
bench exact-iw1 $F 1024,4096 exact "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 iw=1"
cat $o/gpu.txt
for f in f32 int8-shipped q64 q256 q1024 q4096 exact-shipped exact-iw1; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}'
done
