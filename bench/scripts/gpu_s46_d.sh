#!/bin/bash
# s46-d (an nvidia-h200-x2 machine, ~150 s): issue 5's q4_0+int8 at B=1 (Llama-3-8B SwiGLU,
# 30.1 us in s46-c against the target's 30) on single-parameter neighbours of the entry s46-b
# put in the file, in bursts, two rounds in opposite orders, on each card: the reduction
# kernel's shape (rg 8 and 32, re 8 and 32), phase 2's columns a thread (cu 2 and 8), the
# weights' load hint (na 0 and 2), x staged one value at a time (xv=1), fp32 partial sums
# (ps=0).
# Prediction (written before the call): every neighbour within 2% of the entry; none takes
# the cell under 30 us on both cards.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
cell() { local n=$1 i k; shift 1; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=60 R $n-v$j-r$k "${v[$j]}" --shapes llama3-8b --batch 1 --weights q4_0 \
        --precision int8 --reps 9 --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header
    cell q1 "" "rg=8" "rg=32" "re=8" "re=32" "cu=2" "cu=8" "na=0" "na=2" "xv=1" "ps=0"
    gpu_summary > $o/summary.txt ) &
done
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
