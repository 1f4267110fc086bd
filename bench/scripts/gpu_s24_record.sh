#!/bin/bash
# Twenty-fourth session, call 7 (H200): issue 3's compute-bound batches on the shipped hp
# entries, side by side with the tuned CLBlast chain and cuBLAS fp32 (torch_bench.py) in one
# call: fp32 SwiGLU Llama-3-8B, B = 64, 128, 256, 4096.
# Prediction: FlashMLP 462/812/1418/22500 us; cuBLAS fp32 ~561/~1000/1972/~27000 (ANCHORS);
# the CLBlast chain 1.5-2.5x FlashMLP's time.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 110 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 64,128,256,4096 \
  --weights f32 --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 5 \
  --budget 0.25 --csv $o/record.csv --no-plot > $o/record.log 2>&1
timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/record-torch.csv \
  --reps 5 --budget 0.25 > $o/record-torch.log 2>&1
python3 bench/plot.py $o/record.csv --out $o/record.png > $o/record-table.md 2>&1
grep -v '^#' $o/record.csv | cut -d, -f5,6,9,16,17,18
grep -v '^#' $o/record-torch.csv | cut -d, -f5,6,7,9
