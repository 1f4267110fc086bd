#!/bin/bash
# s46-c (an nvidia-h200-x2 machine, ~300 s): the records with the session's file (s46-a's
# q4_0+int8 B=1 and GPT-2 q4_0 5-8 entries spliced in), and s46-b's GPT-2 affine_q2 tune.
# Card 0: issue 3's record command (Llama-3-8B SwiGLU fp32, B = 1 and 16, the tuned CLBlast
# chain, cuBLAS fp32), then GPT-2 affine_q2 at 32 with fp32 through the file and an overlay of
# s46-b's winner (file / overlay / overlay / file).
# Card 1: issue 5's B=1 row (f16, bf16 exact; q8_0, q4_0, affine_q2, affine_q3 with int8) and
# cuBLAS fp16/bf16, then the same GPT-2 check.
# Prediction (written before the call): issue 3's B=1 3.92-4.10x the chain at 95-97% of the
# floor, B=16 1.21-1.26x; q4_0+int8 B=1 30.2-31.0 us, 3.2-3.6x cuBLAS fp16 (cuBLAS 100-116);
# GPT-2 affine_q2 at 32 1.05-1.16x through the overlay, ahead of fp32 (21.9 us in s46-a).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  timeout 200 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
    --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
    --no-plot > $o/record.log 2>&1
  T record
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
    --budget 0.2 > $o/torch.log 2>&1
  T torch
  gpu_check g32 $d/s46-g32.db --shapes gpt2 --batch 32 --weights f32,affine_q2
  T g32; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  RT=120 R formats "" --shapes llama3-8b --batch 1 --precision exact,int8 \
    --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q3 --reps 9 --budget 0.3
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
    --bf16 --reps 9 --budget 0.3 > $o/torch.log 2>&1
  T formats
  gpu_check g32 $d/s46-g32.db --shapes gpt2 --batch 32 --weights f32,affine_q2
  T g32; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
grep -h '^llama' $o/c0/torch.csv $o/c1/torch.csv | cut -d, -f1-12
grep -A3 '^Summary' $o/c0/record.log
