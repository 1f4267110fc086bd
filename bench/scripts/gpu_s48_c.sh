#!/bin/bash
# s48-c (forty-eighth session, an nvidia-h200-x2 machine): ca, gate/up's affine weights through
# a ring of ca k-tiles in local memory filled by cp.async (cl/mlp_mma.cl's G_CA), against the
# shipped tiles (ca=0, their weights through registers one k-tile ahead).
# - Card 0: the ops test ops/mma_async_weight_ring on the card (real cp.async: the same bits as
#   ca=0), then Llama-3-8B SwiGLU at B = 64, 128, 256, 512, fp32 weights and the four affine
#   formats, exact, through the file with FLASHMLP_OVERRIDES "" / ca=2 / ca=3 / ca=4, two rounds
#   in opposite orders (gpu_burst).
# - Card 1: the same variants for exact affine_q3 and affine_q4 (fp32 weights beside them) on
#   the 70B shard at 80 and 128 and Gemma-2B at 385 and 448, the cells s46-a left at 0.93-0.96x
#   of fp32 weights.
# Prediction (written before the call): the ring takes the weights' global latency out of the
#   staging (s26: the iw kernels at 128-256 wait on their loads), but adds 2-3 local reads a four
#   weights; best ca 1.02-1.06x faster than ca=0 for affine_q3 at 256 (1469 -> 1390-1440 us,
#   0.96-0.99x of fp32), 1.00-1.05x for the other affine formats; fp32 unchanged (ca does not
#   apply). The ops test passes on the card.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
printf '\nca=2\nca=3\nca=4\n' > /tmp/ca-variants.txt
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  timeout 150 $b/tests/test_ops --filter 'ops/mma_async_weight_ring' > $o/test_ops.txt 2>&1
  echo "rc $?" >> $o/test_ops.txt; T ops
  RT=90 gpu_burst llama /tmp/ca-variants.txt --shapes llama3-8b --batch 64,128,256,512 \
    --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --reps 5 --budget 0.08
  T llama; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  RT=60 gpu_burst shard /tmp/ca-variants.txt --shapes llama3-70b-tp8 --batch 80,128 \
    --weights f32,affine_q3,affine_q4 --reps 5 --budget 0.08
  T shard
  RT=60 gpu_burst gemma /tmp/ca-variants.txt --shapes gemma-2b --batch 385,448 \
    --weights f32,affine_q3,affine_q4 --reps 5 --budget 0.08
  T gemma; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; done
tail -3 $o/c0/test_ops.txt
for c in c0 c1; do cat $o/$c/variants.txt; for f in $o/$c/*-v*-r*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done; done
