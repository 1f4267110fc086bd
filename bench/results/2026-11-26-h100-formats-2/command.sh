#!/bin/bash
# the whole formats comparison in one call (H200): FlashMLP every format exact and int8,
# CLBlast chain (H200-tuned), then PyTorch fp32/fp16/bf16 on the same card
set -x
o=$1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
/tmp/bf/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16,64,256 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
  --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 --bf16 --reps 10 --budget 0.5 > $o/torch.log 2>&1
python3 bench/plot.py $o/formats.csv --out $o/formats.png --table formats > $o/formats-table.txt 2>&1
