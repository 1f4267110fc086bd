#!/bin/bash
# Nineteenth session, H100: (1) mmaq's pl=2 on the q4_0 and q8_0 int8 entries at B=64 and 128
# (the H200 gained 1.11-1.12x at 64, lost at 128), two rounds; (2) the H200's new fp32 winners on
# the other shapes (shard B=16 mmav, GPT-2 B=64 stream bt=8 and B=256 mma) against the H100's
# shipped choice, each plan named whole; (3) q4_0 int8 at B=128 tuned (the H100's B=65-128
# entries took the H200's tile, not measured on this card).
# Prediction (written before the call): (1) 1.05-1.12x at 64, level or slower at 128; (2) GPT-2
# 1.5-2x at 64 and 256, shard 1.1-1.3x; (3) within 1.1x of the shipped tile.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
for r in 1 2; do
  for pl in 0 2; do
    FLASHMLP_OVERRIDES="pl=$pl" timeout 60 $b/flashmlp-bench --shapes llama3-8b --batch 64,128 \
      --weights q4_0,q8_0 --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/q-pl$pl-r$r.csv --no-plot > $o/q-pl$pl-r$r.log 2>&1
  done
done
one() { # name shape batch [plan]
  FLASHMLP_OVERRIDES="$4" timeout 60 $b/flashmlp-bench --shapes $2 --batch $3 --weights f32 \
    --impl flashmlp --reps 10 --budget 0.3 --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
for r in 1 2; do
  one shard16-shipped-r$r llama3-70b-tp8 16
  one shard16-h200-r$r llama3-70b-tp8 16 "strategy=mmav wg=8 kw=8 fm=1 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=0 splits=2"
  one gpt64-shipped-r$r gpt2 64
  one gpt64-h200-r$r gpt2 64 "strategy=stream wgs=256 kl=16 ti=32 bt=8 vw=4 xc=256"
  one gpt256-shipped-r$r gpt2 256
  one gpt256-h200-r$r gpt2 256 "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2"
done
mkdir -p $o/ovl
timeout -s INT 130 $b/flashmlp-tune --weights q4_0 --precision int8 --strategies mmaq --batch 128 \
  --total-budget 115 --out $o/ovl/q128.db > $o/tune-q128.log 2>&1
cat $o/gpu.txt
for f in $o/*.csv; do
  printf "%-22s " $(basename $f .csv)
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s %s %s %s; ", $h["weights"], $h["B"], $h["time_us"], $h["check"]} END {print ""}'
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
