#!/bin/bash
# Seventeenth session: mmaq, integer tensor cores (mma.sync.m16n8k32, 8-bit operands) for int8
# plans at small batches, first time on a GPU. (1) Every block format with int8 at B = 4, 16, 64:
# the shipped databases' plans (stream / mmav / mma, which compute the tensor-core batches
# exactly) against one untuned mmaq plan, flashmlp-bench burst, same process order, checks on.
# (2) The tuner for q4_0+int8 at B = 4, 16, 64 over mmaq alone, then affine_q2/q3/q4/q8 and q8_0
# at B = 16.
# Prediction: q4_0+int8 at B=16 151 us -> 40-60 us (99 MB of weights, 22 us at the floor; one
# mma a 16 x 8 x 32 step against mmav's two tf32 mma a 16 x 8 x 8 step and its decode); B=4
# about the same time as B=16; B=64 with one 8-row tile a warp 150-250 us (the weights read once
# a batch tile), tuned (fb=4) under 100 us, against 550.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
F=q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8
run() { # run <tag> [overrides]
  FLASHMLP_OVERRIDES="$2" timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch 4,16,64 --weights $F --precision int8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
run shipped ""
run mmaq "strategy=mmaq wg=4 fb=1 ku=4 dwg=4 dfb=1 dku=4 splits=4"
mkdir -p $o/ovl
timeout -s INT 160 $b/flashmlp-tune --weights q4_0 --precision int8 --batch 4,16,64 \
  --strategies mmaq --total-budget 140 --out $o/ovl/s17-mmaq-q4.db > $o/tune-q4.log 2>&1
timeout -s INT 130 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --precision int8 --batch 16 --strategies mmaq --total-budget 110 \
  --out $o/ovl/s17-mmaq-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt
for f in shipped mmaq; do
  echo "== $f"
  grep -v '^#' $o/$f.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["floor_us"], $h["rel_error"], $h["check"]}'
done
grep -h "^# B=" $o/ovl/*.db | cut -c1-200
grep -h "^entry" $o/ovl/*.db | cut -c1-250
