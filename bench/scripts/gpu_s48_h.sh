#!/bin/bash
# s48-h (forty-eighth session, machine still warm): neighbours of s48-f's Llama-3-8B affine_q3
# tile with ca=2 (s48-ca2.db at 193-256, Gemma-2B's 128 x 64 wn=4 tile): na=2, na=0, se=0, dwn=2,
# and the entry as it is, two rounds in opposite orders on each card, at B=256 beside fp32.
# Prediction (written before the call): all within 2% of the overlay's entry.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
printf '\nna=2\nna=0\nse=0\ndwn=2\n' > /tmp/nb-v.txt
ov=$(overlay $d/s48-ca2.db)
for c in 0 1; do
( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0 FLASHMLP_TUNING_DIR=$ov; o=$o/c$c; mkdir -p $o; gpu_header
  gpu_burst llama /tmp/nb-v.txt --shapes llama3-8b --batch 256 --weights f32,affine_q3 --reps 5 --budget 0.08 ) &
done
wait
for c in c0 c1; do cat $o/$c/variants.txt; for f in $o/$c/*-v*-r*.csv; do
  echo "$c $(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done; done
