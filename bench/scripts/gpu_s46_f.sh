#!/bin/bash
# s46-f (an nvidia-h200-x2 machine, ~120 s): what s46-d left out. The q4_0+int8 entry at B=1
# (pb=0 dl=1) against pb=1 with dl=1 (phase 1's next blocks a step ahead, the first before x is
# staged, and phase 2's first loads early: the two levers together, which no tune measured)
# and the forty-fifth session's entry (pb=1 dl=0 rg=32); affine_q2+int8 and affine_q3+int8
# (entries pb=1 dl=0) with dl=1 and with pb=0 dl=1. Bursts, two rounds in opposite orders,
# each card.
# Prediction (written before the call): pb=1 dl=1 within 1% of the entry (30.0-30.4 us);
# affine_q2/q3+int8 with dl=1 1.00-1.02x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
cell() { local n=$1 w=$2 i k; shift 2; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=60 R $n-v$j-r$k "${v[$j]}" --shapes llama3-8b --batch 1 --weights $w \
        --precision int8 --reps 9 --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header
    cell q4 q4_0 "" "pb=1" "pb=1 dl=0 rg=32"
    cell a2 affine_q2 "" "dl=1" "pb=0 dl=1"
    cell a3 affine_q3 "" "dl=1" "pb=0 dl=1"
    gpu_summary > $o/summary.txt ) &
done
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
