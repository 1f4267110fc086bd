#!/bin/bash
# Prepared in the forty-eighth session for the next (an nvidia-h200-x2 machine, ~350 s; move
# bench/results aside for the call, bench/README.md): tiles for the affine cells at prefill still
# behind fp32 weights, with and without the cp.async ring (mma's ca, cl/mlp_mma.cl's G_CA),
# and tunes that reach it (ca now comes fourth in tuning/spaces.c's mma axes; s48-d's tunes, with
# it last, never tried it).
# - Card 0: gpu_tune_check (60 s, 45 s) for exact affine_q3, Llama-3-8B at 256 (0.97-0.99x of fp32
#   weights after s48-f) and the 70B shard at 128 (0.94x; ca=2 on its 65-96 tile 1.01x, s48-f);
#   then Llama-3-8B's affine_q3 at 128 and 160 (0.98-0.99x at 128 in s48-c's entry rounds) over
#   "" (the file), ca=2, and Gemma-2B's 128 x 64 wn=4 tile with ca=2 and with ca=0 (gpu_burst).
# - Card 1: the Llama-3-8B ReLU MLP's affine formats at 80 and 128, which s48-i found behind fp32
#   weights at 128 (affine_q3 0.93x, affine_q4 0.96-0.97x, affine_q8 0.96x, affine_q2 0.98x;
#   their B=65-192 entries are 64 x 112 tiles): gpu_burst over FLASHMLP_OVERRIDES "" (the file),
#   ca=2, the ReLU MLP's own 193-512 tile (TILE_RQ3), its fp32 weights' 128 x 128 tile with the
#   fields straight into the mma, and Gemma-2B's 128 x 64 wn=4 affine_q3 tile with ca=2 (which won
#   on Llama-3-8B SwiGLU's 193-256 in s48-f), fp32 weights beside them. Then the ring on the
#   k-tiles of 16 that f16 x's affine entries use (Llama-3-8B SwiGLU at 128/256): "", ca=2, ca=3.
# Write the prediction here before the call.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_tune_check tl 60 "--shapes llama3-8b --batch 256 --weights f32,affine_q3" \
    --shape 4096x14336 --weights affine_q3 --batch 256
  gpu_tune_check ts 45 "--shapes llama3-70b-tp8 --batch 128 --weights f32,affine_q3" \
    --shape 8192x3584 --weights affine_q3 --batch 128
  G="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1"
  printf '\nca=2\n%s ca=2\n%s ca=0\n' "$G" "$G" > /tmp/q3-s49.txt
  RT=60 gpu_burst q3 /tmp/q3-s49.txt --shapes llama3-8b --batch 128,160 --weights f32,affine_q3 --reps 5 --budget 0.08
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  A=f32,affine_q2,affine_q3,affine_q4,affine_q8
  { echo; echo ca=2; echo "$TILE_RQ3"
    echo "strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=0 dorder=0 iw=1 hp=1"
    echo "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1 ca=2"
  } > /tmp/relu-s49.txt
  RT=90 gpu_burst relu /tmp/relu-s49.txt --shapes llama3-8b --ops relu --batch 80,128 --weights $A --reps 5 --budget 0.08
  # the ring on k-tiles of 16 (added after s48's calls, never measured): f16 x's affine entries
  printf '\nca=2\nca=3\n' > /tmp/f16x-s49.txt
  RT=90 gpu_burst f16x /tmp/f16x-s49.txt --shapes llama3-8b --batch 128,256 --acts f16 \
    --weights f16,affine_q2,affine_q4,affine_q8 --reps 5 --budget 0.08
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c: $(tr '\n' ' ' < $o/$c/times.txt)"; cat $o/$c/gains.txt 2>/dev/null; done
for f in $o/c*/*-v*-r*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
