#!/bin/bash
# The record command (bench/results/2026-11-26-h200-burst/command.sh, kept here so that the
# call scripts, run from a snapshot without bench/results, can reach it). One GPU call (fourth session): the Llama-3-8B SwiGLU and ReLU MLPs in fp32 across the batch
# range against the H200-tuned CLBlast chain, then PyTorch (cuBLAS fp32, fp16, bf16) on the
# same cells; both benches time bursts of back-to-back MLPs (--burst default). $1: output folder.
set -x
o=$1
b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
$b/flashmlp-bench --shapes llama3-8b --ops swiglu,relu --batch 1,2,4,8,16,32,64,128,256,512,1024,4096 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
  --csv $o/main.csv --no-plot > $o/main.log 2>&1
python3 bench/torch_bench.py --ref-csv $o/main.csv --csv $o/torch.csv --fp16 --bf16 --reps 10 \
  --budget 0.5 > $o/torch.log 2>&1
python3 bench/plot.py $o/main.csv $o/torch.csv --out $o/main.png --table md > $o/main-table.md 2>&1
