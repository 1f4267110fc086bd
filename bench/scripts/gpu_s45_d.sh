#!/bin/bash
# s45-d (an nvidia-h200-x2 machine, ~120 s): s45-c's two new B=1 entries checked through the
# file against their old plans as overrides; and the other Llama-3-8B B=1 entries of 224-448
# slices (wgs 256-512, ti 32-64) against 112 slices of 1024 threads (ti=128), in bursts, two
# rounds in opposite orders: the ReLU MLP's fp32 and SwiGLU's bf16 (card 0); exact q8_0,
# affine_q2, affine_q3, affine_q8 and affine_q3+int8 (card 1).
# Prediction (written before the call): the file 1.02-1.04x ahead of the old fp32 and
# q4_0+int8 plans again; the ReLU MLP's fp32 1.02-1.04x with ti=128 (the same kernel with one
# projection fewer); the block formats and bf16 0.97-1.05x, at least two of them ahead by 2% or
# more.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
# cell name weights precision ops variant... : each variant (the first "" = the file) through
# flashmlp-bench, in order and then in reverse
cell() { local n=$1 w=$2 p=$3 ops=$4 i k; shift 4; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=60 R $n-v$j-r$k "${v[$j]}" --shapes llama3-8b --ops $ops --batch 1 --weights $w \
        --precision $p --reps 9 --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
T1="wgs=1024 kl=16 ti=128"; T2="wgs=1024 kl=32 ti=128"
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  cell f32 f32 exact swiglu "" "wgs=512 kl=16 ti=64"
  cell q4i8 q4_0 int8 swiglu "" "wgs=256 kl=16 ti=64"
  cell relu f32 exact relu "" "$T2" "$T1"
  cell bf16 bf16 exact swiglu "" "$T1"
  T done; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; gpu_header; T start
  cell q8 q8_0 exact swiglu "" "$T1" "$T2"
  cell a2 affine_q2 exact swiglu "" "$T1"
  cell a3 affine_q3 exact swiglu "" "$T1"
  cell a8 affine_q8 exact swiglu "" "$T1"
  cell a3i8 affine_q3 int8 swiglu "" "$T1"
  T done; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
