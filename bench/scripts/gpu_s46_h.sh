#!/bin/bash
# s46-h (an nvidia-h200-x2 machine, ~150 s; the session's last device time): issue 3's record
# command on each card with the fp32 B=1 entry now at xp=2 (s46-g), cuBLAS fp32 after it; then
# xp=2 against the entries on other B=1 cells in bursts, two rounds in opposite orders: card 0
# the ReLU MLP's fp32, card 1 f16 and bf16 weights (Llama-3-8B).
# Prediction (written before the call): B=1 within 1.035x of the floor on both cards, 4.0-4.15x
# the chain; the ReLU MLP 1.01-1.02x with xp=2, f16/bf16 level to 1.02x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
cell() { local n=$1 w=$2 ops=$3 i k; shift 3; local v=("$@") m=$#
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      local j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=40 R $n-v$j-r$k "${v[$j]}" --shapes llama3-8b --ops $ops --batch 1 --weights $w \
        --reps 9 --budget 0.3
    done
  done
  echo "$n: ${v[*]/#/|}" >> $o/variants.txt; }
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header; T start
    timeout 80 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
      --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
      --no-plot > $o/record.log 2>&1
    T record
    timeout 40 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
      --budget 0.2 > $o/torch.log 2>&1
    T torch
    if [ $c = 0 ]; then cell relu f32 relu "" "xp=2"
    else cell f16 f16 native "" "xp=2"; cell bf16 bf16 native "" "xp=2"; fi
    T cells; gpu_summary > $o/summary.txt ) &
done
wait
for c in c0 c1; do echo "== $c: $(cat $o/$c/times.txt | tr '\n' ' ')"; grep -A3 '^Summary' $o/$c/record.log | tail -2
  grep -h '^llama' $o/$c/torch.csv | cut -d, -f5,9; cat $o/$c/variants.txt
  grep -v '^NVIDIA\|^record\|^torch' $o/$c/summary.txt | sort -V; done
