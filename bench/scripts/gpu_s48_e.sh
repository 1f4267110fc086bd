#!/bin/bash
# s48-e (forty-eighth session, an nvidia-h200-x2 machine, the session's last device minutes):
# issues 3 and 5's B=1 rows with their baselines in the same call, and the ca overlay again
# (s48-d's s48-ca.db lacked the file header, so its "overlay" runs took the file: they measured
# the file against itself, 0-1.1% apart).
# - Card 0: Llama-3-8B SwiGLU fp32 at B = 1, 16 against the tuned CLBlast chain, and cuBLAS
#   (bench/torch_bench.py) on the same card; then gpu_check of s48-ca.db on Gemma-2B's affine_q3.
# - Card 1: issue 5's formats at B=1 (exact and int8) and cuBLAS fp16/bf16; then gpu_check of
#   s48-ca.db on the 70B shard's affine_q3 at 65-96.
# Prediction (written before the call): B=1 3.9-4.05x the chain, B=16 1.22-1.25x its floor (no
#   change reaches them); q4_0+int8 30-31 us, 3.2-3.5x cuBLAS fp16; the overlay (ca=2) 1.01-1.03x
#   faster than the file at Gemma's 385-448 and the shard's 80, level at the ranges' ends.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  timeout 150 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
    --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
    --no-plot > $o/record.log 2>&1
  T record
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
    --budget 0.2 > $o/torch.log 2>&1
  T torch
  gpu_check ca-gemma $d/s48-ca.db --shapes gemma-2b --batch 336,385,448,512 --weights f32,affine_q3
  T ca-gemma; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  RT=120 R formats "" --shapes llama3-8b --batch 1 --precision exact,int8 \
    --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q3 --reps 9 --budget 0.3
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
    --bf16 --reps 9 --budget 0.3 > $o/torch.log 2>&1
  T formats
  gpu_check ca-shard $d/s48-ca.db --shapes llama3-70b-tp8 --batch 65,80,96 --weights f32,affine_q3
  T ca-shard; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V | cut -c1-400; done
grep -h '^llama' $o/c0/torch.csv $o/c1/torch.csv | cut -d, -f1-12
grep -A4 '^Summary' $o/c0/record.log
