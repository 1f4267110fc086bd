#!/bin/bash
# Forty-first session, first call: an nvidia-h200-x2 machine, both cards side by side.
# The Llama-3-8B ReLU MLP's decode batches (gpu_s41_next.sh, prepared in the fortieth session):
# its eight other formats at B = 1-32 and fp32 at B = 3-4 run the sm_90 arch file's shape-less
# entries (bench/results/2026-11-29-coverage-after-s40/4096x14336-relu.txt), which were measured
# on SwiGLU shapes only; s40-j's tune of fp32 at B=16 on such an entry gained 1.15x.
# Card 0: every format at B = 1, 4, 16, 32 through the file, ReLU and SwiGLU side by side (the %
# of floor says whether the ReLU cells lag SwiGLU's), then flashmlp-tune --uncovered of the
# ReLU MLP's f16, bf16, q8_0, q4_0 at 1, 4, 16, 32 (330 s). Card 1: the same for fp32 and the
# four affine formats (450 s). The neighbours step tries SwiGLU's tile of the same format and
# batch (distance 4) after the ReLU MLP's other formats' tiles (distance 1).
# Prediction: 1. the ReLU formats 0.05-0.15 lower in % of floor than SwiGLU's at B = 4-32,
# level at B = 1; 2. the tunes 1.05-1.20x over the shipped (sm_90 arch) choice at 16 and 32,
# 1.00-1.05x at 1 and 4.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0; unset FLASHMLP_TUNING_DIR; o=$o/c0; gpu_header; T start
  A="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
  RT=170 R small "" --shapes llama3-8b --ops relu,swiglu --batch 1,4,16,32 --budget 0.1 --reps 5 --weights $A
  T survey; gpu_summary > $o/summary.txt
  timeout -s INT -k 20 350 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu \
    --weights f16,bf16,q8_0,q4_0 --batch 1,4,16,32 --uncovered --total-budget 330 \
    --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR; o=$o/c1; gpu_header; T start
  timeout -s INT -k 20 470 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu \
    --weights f32,affine_q2,affine_q3,affine_q4,affine_q8 --batch 1,4,16,32 --uncovered \
    --total-budget 450 --out $o/tune.db > $o/tune.log 2>&1
  T tune
) &
wait
cat $o/c0/times.txt $o/c1/times.txt
grep -v '^NVIDIA' $o/c0/summary.txt
for p in c0 c1; do echo "== $p"; grep '^# B=\|^entry' $o/$p/tune.db; tail -n 2 $o/$p/tune.log; done
