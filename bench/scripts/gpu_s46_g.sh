#!/bin/bash
# s46-g (an nvidia-h200-x2 machine, ~150 s): xp, new this session: the stream kernel's first
# xp steps of gate/up weights asked into L2 (PTX prefetch.global.L2) before x is staged, so
# that the slice's first reads are under way while x is loaded and (int8) quantized; the B=1
# entries issue their first weight loads only after that (pb=0). On each card, bursts, two
# rounds in opposite orders: Llama-3-8B SwiGLU q4_0+int8 at B=1 with xp = 0 (the entry), 1, 2,
# 4, and fp32 at B=1 with xp = 0, 1, 2. Then card 1 runs the new test ops/stream_start_prefetch
# (every format on the card's PTX path).
# Prediction (written before the call): x's staging and quantization take 1-1.5 us at the start
# of each work-group, with no weight read in flight; xp=1-2 takes 0.4-1.0 us off q4_0+int8
# (30.3 -> 29.3-29.9 us) and 0.5-1.0 us off fp32 (161-166 us); xp=4 no better than 2. The test
# passes.
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
    cell q4 q4_0 "" "xp=1" "xp=2" "xp=4"
    cell f32 f32 "" "xp=1" "xp=2"
    gpu_summary > $o/summary.txt
    if [ $c = 1 ]; then
      timeout 120 $b/tests/test_ops --filter 'ops/stream_start_prefetch' > $o/test_xp.txt 2>&1
      echo "rc $?" >> $o/test_xp.txt
    fi ) &
done
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/variants.txt; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
grep -h 'Synthesis\|FAIL\|rc ' $o/c1/test_xp.txt | head
