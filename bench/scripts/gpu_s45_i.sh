#!/bin/bash
# s45-i (an nvidia-h200-x2 machine, ~90 s): issue 3's B=16 (Llama-3-8B SwiGLU fp32, 1.22-1.26x
# its floor, target 1.15x): the shipped mmav entry against single-parameter neighbours in
# bursts, two rounds in opposite orders: na=1, na=2 (the weight loads' cache hint), splits=2 and
# 8 (down's split over I), dpf=0, ku=2. Card 0: these; card 1: the same at B=12 and the ReLU
# MLP's B=16 entry with na=1 and na=2.
# Prediction (written before the call): every neighbour within 2% of the entry (the tuner and
# s28 searched this cell), none reaching 1.15x (182 us).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
cell() { local n=$1 B=$2 ops=$3 i k; shift 3; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=60 R $n-v$j-r$k "${v[$j]}" --shapes llama3-8b --ops $ops --batch $B --weights f32 \
        --reps 9 --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header
  cell b16 16 swiglu "" "na=1" "na=2" "splits=2" "splits=8" "dpf=0" "ku=2"
  gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header
  cell b12 12 swiglu "" "na=1" "na=2" "splits=2" "splits=8"
  cell relu16 16 relu "" "na=1" "na=2"
  gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
