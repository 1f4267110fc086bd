#!/bin/bash
# s48-d (forty-eighth session, an nvidia-h200-x2 machine): ca where s48-c found it ahead, through
# an overlay against the file; and tunes with ca in the mma space (tuning/spaces.c) for the
# exact affine_q3 cells behind fp32 weights.
# - Card 1: gpu_check (file / overlay / overlay / file) of s48-ca.db, the shipped entries of
#   Gemma-2B's affine_q3 at 321-512 and the 70B shard's at 65-96 with ca=2 (s48-c: 1.02-1.04x
#   at 385/448 and 80), at batches across each range; then flashmlp-tune for the shard's
#   affine_q3 at 128 (gpu_tune_check).
# - Card 0: gpu_tune_check for Llama-3-8B's exact affine_q3 at 256 and Gemma-2B's at 448.
# Prediction (written before the call): the overlay 1.02-1.04x faster than the file for Gemma at
#   385-512 and the shard at 65-96 in every pair (level to 1.02x at the ranges' ends); the tunes:
#   Llama's at 256 nothing at 1.03x or more (ca slowed its tiles in s48-c), Gemma's 448 ca on a
#   tile (1.02-1.05x), the shard's 128 nothing.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_tune_check tl 60 "--shapes llama3-8b --batch 256 --weights f32,affine_q3" \
    --shape 4096x14336 --weights affine_q3 --batch 256
  gpu_tune_check tg 45 "--shapes gemma-2b --batch 448 --weights f32,affine_q3" \
    --shape 2048x16384 --act gelu_tanh --weights affine_q3 --batch 448
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  gpu_check ca-gemma $d/s48-ca.db --shapes gemma-2b --batch 336,385,448,512 --weights f32,affine_q3
  T ca-gemma
  gpu_check ca-shard $d/s48-ca.db --shapes llama3-70b-tp8 --batch 65,80,96 --weights f32,affine_q3
  T ca-shard
  gpu_tune_check ts 45 "--shapes llama3-70b-tp8 --batch 128 --weights f32,affine_q3" \
    --shape 8192x3584 --weights affine_q3 --batch 128
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt 2>/dev/null; done
for c in c0 c1; do grep -h -B1 '^entry' $o/$c/t?.db 2>/dev/null | cut -c1-230; done
for c in c0 c1; do for f in $o/$c/*-{file,overlay,overlay2,file2}.csv; do [ -f $f ] || continue
  echo "$c $(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done; done
