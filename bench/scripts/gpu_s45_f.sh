#!/bin/bash
# s45-f (an nvidia-h200-x2 machine, ~120 s): issue 3's full record (bench/scripts/gpu_record.sh:
# Llama-3-8B SwiGLU and ReLU, fp32, B = 1-4096, the tuned CLBlast chain, cuBLAS fp32/fp16/bf16,
# the plot) with the session's final file, on each of the two cards.
# Prediction (written before the call): SwiGLU B=1 3.95-4.05x the chain (160-165 us), the ReLU
# MLP's B=1 1.03-1.05x faster than s40-i's 115.5 us; every other row within 3% of s40-i's.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; mkdir -p $o/c$c/record
    BUILD=$b timeout 250 bash $d/gpu_record.sh $o/c$c/record > $o/c$c/record/cmd.log 2>&1 ) &
done
wait
for c in 0 1; do echo "== card $c"; cut -d'|' -f2-13 $o/c$c/record/main-table.md | grep -v "^ ---"; done
