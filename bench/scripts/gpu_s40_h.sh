#!/bin/bash
# Fortieth session, eighth call (one H200, ~150 s; the last device minutes).
# 1. s40-g's entries through the file: the Llama-3-8B ReLU MLP's f16/bf16 weights at 3072/4096,
#    with fp32 weights in the same run.
# 2. flashmlp-tune of Gemma-2B's affine_q3 at B=448 (mma, 60 s; 0.97x of fp32 weights through the
#    file in s40-b, where 448 pads the 128-row tiles to 512 rows), the shipped choice measured in
#    its run; then the bench with fp32 weights at 448 against the tune's tile.
# Prediction: 1. within 2% of s40-g's Q2 overrides, ahead of fp32; 2. the tune 1.00-1.05x over the
# shipped Q2, still 0.97-1.02x of fp32 weights.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
R relu-file "" --shapes llama3-8b --ops relu --batch 3072,4096 --budget 0.2 --reps 5 --weights f32,f16,bf16
T file
timeout -s INT -k 20 80 $b/flashmlp-tune --shape 2048x16384 --act gelu_tanh --weights affine_q3 \
  --batch 448 --budget 60 --strategies mma --out $o/gq3.db > $o/gq3.log 2>&1
T tune
t=$(grep '^entry' $o/gq3.db | head -1 | sed 's/.* strategy=/strategy=/; s/ emu=0//; s/ fw=0//')
echo "tuned: $t" > $o/gq3-tile.txt
R gq3-file "" --shapes gemma-2b --batch 448 --budget 0.1 --reps 5 --weights f32,affine_q3
[ -n "$t" ] && R gq3-tuned "$t" --shapes gemma-2b --batch 448 --budget 0.1 --reps 5 --weights affine_q3
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
grep '^# B=\|^entry' $o/gq3.db
python3 $d/below_f32.py $o/relu-file.csv $o/gq3-file.csv
