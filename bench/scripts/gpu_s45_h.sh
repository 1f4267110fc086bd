#!/bin/bash
# s45-h (an nvidia-h200-x2 machine, ~90 s): issue 5's B=1 ratio with the 112-slice q4_0+int8
# entry, cuBLAS fp16 and bf16 in the same call, on each card: Llama-3-8B SwiGLU, f16 and bf16
# weights exact, q4_0, affine_q2 and affine_q3 with int8 dot products.
# Prediction (written before the call): q4_0+int8 31.2-32.0 us, 3.15-3.30x cuBLAS fp16
# (about 101-103 us); the others as in s45-a (within 2%).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header
    RT=100 R formats "" --shapes llama3-8b --batch 1 --precision exact,int8 \
      --weights f16,bf16,q4_0,affine_q2,affine_q3 --reps 9 --budget 0.3
    timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
      --bf16 --reps 9 --budget 0.3 > $o/torch.log 2>&1
    gpu_summary > $o/summary.txt ) &
done
wait
for c in 0 1; do echo "== card $c"; grep -v '^NVIDIA' $o/c$c/summary.txt; grep -h "^llama" $o/c$c/torch.csv | cut -d, -f6,9; done
