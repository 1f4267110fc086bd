#!/bin/bash
# Sixteenth session, first call. (1) The sm_90 bulk copies from OpenCL (bench/scripts/bulk.c,
# whose header says what it measures). Prediction (before the call): both build and sum right;
# the L2 prefetch lifts 132 work-groups of 256 from 3.4 to 4.0+ TB/s; the bulk ring (32 KB in
# flight a work-group) reaches 4.2+ TB/s with one work-group a compute unit, where cp.async
# topped out at 3.8. If the bulk ring does, mmav's gate/up (3.44 TB/s at B=16) has a way to the
# copy rate. (2) f16, bf16 and fp32 at B=2 against PyTorch in one call (the fifteenth session's
# "faster than cuBLAS fp16 at B=2" rested on two calls).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
cc -O2 bench/scripts/bulk.c -lOpenCL -lm -o /tmp/bulk > $o/cc.txt 2>&1
timeout 150 /tmp/bulk 469.7 > $o/bulk.txt 2>&1
for w in f32 f16 bf16; do
  timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 2 --weights $w \
    --impl flashmlp --reps 10 --budget 0.5 --csv $o/b2-$w.csv --no-plot > $o/b2-$w.log 2>&1
done
timeout 120 python3 bench/torch_bench.py --ref-csv $o/b2-f32.csv --csv $o/torch.csv --fp16 --bf16 \
  --reps 10 --budget 0.5 > $o/torch.log 2>&1
cat $o/gpu.txt $o/cc.txt $o/bulk.txt
for w in f32 f16 bf16; do grep -v '^#' $o/b2-$w.csv | cut -d, -f5,6,7,9,16,21; done
grep -v '^#' $o/torch.csv | cut -d, -f5,6,7,9,16,21
