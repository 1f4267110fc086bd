#!/bin/bash
# s48-g (forty-eighth session, the machine still warm after s48-f): which part of s48-f's gains is
# ca: the overlay's tiles (s48-ca2.db) with ca=2 (as s48-f), ca=0 and ca=3, two rounds in
# opposite orders (gpu_burst with FLASHMLP_TUNING_DIR on the overlay). Card 0 the 70B shard at
# 112/128, card 1 Llama-3-8B at 200/256, exact affine_q3 beside fp32 weights.
# Prediction (written before the call): ca=0 on these tiles 2-4% slower than ca=2 (as Gemma's and
#   the shard's entries in s48-e), ca=3 within 1% of ca=2.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
printf 'ca=2\nca=0\nca=3\n' > /tmp/ca-v.txt
ov=$(overlay $d/s48-ca2.db)
( export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0 FLASHMLP_TUNING_DIR=$ov; o=$o/c0; mkdir -p $o; gpu_header
  gpu_burst shard /tmp/ca-v.txt --shapes llama3-70b-tp8 --batch 112,128 --weights f32,affine_q3 --reps 5 --budget 0.08 ) &
( export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0 FLASHMLP_TUNING_DIR=$ov; o=$o/c1; mkdir -p $o; gpu_header
  gpu_burst llama /tmp/ca-v.txt --shapes llama3-8b --batch 200,256 --weights f32,affine_q3 --reps 5 --budget 0.08 ) &
wait
for c in c0 c1; do cat $o/$c/variants.txt; for f in $o/$c/*-v*-r*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done; done
