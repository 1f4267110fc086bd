#!/bin/bash
# s45-c (an nvidia-h200-x2 machine, ~240 s): fewer, larger slices at B=1, in bursts.
# The tail probe (s45-a) handed on 99.1 MB's partial y 1.6 us cheaper from 112 work-groups of
# 512 than from 224 of 256 (+4.0 against +5.6 us, read alone 35.1 / 35.2), and 704.6 MB's
# 0.9 us cheaper from 132 of 1024 than from 224 of 512. The shipped B=1 plans are 224 slices
# (q4_0+int8: wgs=256 ti=64; fp32: wgs=512 ti=64). Here the same plans with ti=128 (112
# slices) and more threads, through flashmlp-bench's bursts against the shipped entry, two
# rounds in opposite orders.
# Card 0: Llama-3-8B q4_0+int8 B=1. Card 1: Llama-3-8B fp32 B=1.
# Prediction (written before the call): the ti=128 forms 0-1.5 us faster for q4_0+int8
# (32.4 -> 31-32.4), 0-2 us for fp32 (166.8-170 -> 165-168); none under 30 or 160.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
Q=("" "wgs=512 kl=16 ti=128" "wgs=512 kl=8 ti=128" "wgs=1024 kl=16 ti=128" "wgs=256 kl=16 ti=128")
F=("" "wgs=1024 kl=16 ti=128" "wgs=1024 kl=32 ti=128" "wgs=512 kl=16 ti=128" "wgs=1024 kl=16 ti=64")
rounds() { local w=$1 p=$2; shift 2; local v=("$@") i k
  for k in 1 2; do
    for i in 0 1 2 3 4; do
      [ $k = 2 ] && i=$((4 - i))
      RT=60 R v$i-r$k "${v[$i]}" --shapes llama3-8b --batch 1 --weights $w --precision $p --reps 9 --budget 0.3
    done
  done; }
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  rounds q4_0 int8 "${Q[@]}"; T done; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; gpu_header; T start
  rounds f32 exact "${F[@]}"; T done; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; grep -v '^NVIDIA' $o/$c/summary.txt | sort; done
echo "Q: ${Q[*]/#/|}"; echo "F: ${F[*]/#/|}"
