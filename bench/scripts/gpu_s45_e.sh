#!/bin/bash
# s45-e (an nvidia-h200-x2 machine, ~200 s): issue 3's record at B = 1 and 16 with s45-c's fp32
# entry, on both cards (the tuned CLBlast chain and cuBLAS fp32 in the same call); more slice
# shapes for Llama-3-8B's fp32 and q4_0+int8 at B=1 (150 and 128 slices); and 112-148 slices of
# 1024 threads for Qwen2.5-7B's and Gemma-2B's fp32 and q4_0+int8 at B=1, in bursts against the
# file, two rounds in opposite orders.
# Prediction (written before the call): B=1 3.90-4.02x the chain on each card (163-167 us
# against 639-651), B=16 unchanged (1.24-1.25x its floor); the new slice shapes within 1% of
# s45-c's; Qwen and Gemma 1.00-1.04x with 1024 threads, fp32 more than q4_0+int8.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
# cell name shape weights precision variant... (the first "" = the file), in order then reversed
cell() { local n=$1 s=$2 w=$3 p=$4 i k; shift 4; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=60 R $n-v$j-r$k "${v[$j]}" --shapes $s --batch 1 --weights $w --precision $p --reps 9 \
        --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
record() {
  timeout 200 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
    --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
    --no-plot > $o/record.log 2>&1
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
    --budget 0.2 > $o/torch.log 2>&1; }
T1="wgs=1024 kl=16 ti=128"; T2="wgs=1024 kl=32 ti=128"
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  record; T record
  cell q4i8 llama3-8b q4_0 int8 "" "wgs=1024 kl=32 ti=96" "$T2" "wgs=1024 kl=8 ti=128"
  cell qwen-q4i8 qwen2.5-7b q4_0 int8 "" "$T1" "$T2"
  cell gemma-q4i8 gemma-2b q4_0 int8 "" "$T1" "$T2"
  T done; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; gpu_header; T start
  record; T record
  cell f32 llama3-8b f32 exact "" "wgs=1024 kl=64 ti=112" "wgs=1024 kl=32 ti=96"
  cell qwen-f32 qwen2.5-7b f32 exact "" "$T1" "$T2"
  cell gemma-f32 gemma-2b f32 exact "" "$T1" "$T2"
  T done; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V
  grep -h "^llama" $o/$c/torch.csv | cut -d, -f5,6,9; done
