#!/bin/bash
# Prepared in the forty-eighth session for the next (an nvidia-h200-x2 machine, ~350 s): where
# else the cp.async ring (mma's ca, cl/mlp_mma.cl's G_CA) helps the affine formats at prefill,
# and tunes that reach it (ca now comes fourth in tuning/spaces.c's mma axes; s48-d's tunes, with
# it last, never tried it).
# - Card 0: gpu_tune_check (60 s, 45 s) for exact affine_q3, Llama-3-8B at 256 (0.97-0.99x of fp32
#   weights after s48-f) and the 70B shard at 128 (0.94x; ca=2 on its 65-96 tile 1.01x, s48-f).
# - Card 1: gpu_burst over "" (the file) and ca=2 for the affine formats beside fp32 weights on
#   the Llama-3-8B ReLU MLP at 80/128/256, Qwen2.5-7B at 128/256/512, the shard at 160/256 (ca
#   applies only to entries with kt=32; the others run the file's plan twice, a measure of noise).
# Write the prediction here before the call.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
printf '\nca=2\n' > /tmp/ca-s49.txt
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_tune_check tl 60 "--shapes llama3-8b --batch 256 --weights f32,affine_q3" \
    --shape 4096x14336 --weights affine_q3 --batch 256
  gpu_tune_check ts 45 "--shapes llama3-70b-tp8 --batch 128 --weights f32,affine_q3" \
    --shape 8192x3584 --weights affine_q3 --batch 128
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  A=f32,affine_q2,affine_q3,affine_q4,affine_q8
  RT=90 gpu_burst relu /tmp/ca-s49.txt --shapes llama3-8b --ops relu --batch 80,128,256 --weights $A --reps 5 --budget 0.08
  RT=90 gpu_burst qwen /tmp/ca-s49.txt --shapes qwen2.5-7b --batch 128,256,512 --weights $A --reps 5 --budget 0.08
  RT=60 gpu_burst shard /tmp/ca-s49.txt --shapes llama3-70b-tp8 --batch 160,256 --weights $A --reps 5 --budget 0.08
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt 2>/dev/null; done
for f in $o/c1/*-v*-r*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
