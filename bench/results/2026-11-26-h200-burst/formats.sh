#!/bin/bash
# Second GPU call: every weight format, exact and int8, at B = 1, 16, 64, 256, with the CLBlast
# chain and PyTorch fp16/bf16 in the same call; burst timing. $1: output folder.
set -x
o=$1
b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/formats-gpu.txt
$b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16,64,256 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
  --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/formats-torch.csv --fp16 --bf16 \
  --reps 10 --budget 0.5 > $o/formats-torch.log 2>&1
python3 bench/plot.py $o/formats.csv --out $o/formats.png --table formats-md > $o/formats-table.md 2>&1
