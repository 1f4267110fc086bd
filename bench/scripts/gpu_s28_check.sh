#!/bin/bash
# Twenty-eighth session, call 5 (H200): (1) call 4's tuned fp32 B=9-16 plan (mmav wg=8 with
# hp=1: 0.1925 against the shipped 0.1976 ms in the tuner's confirmation) against the shipped
# entry through flashmlp-bench, B = 12 and 16, two rounds alternating; (2) issue 3's B = 1 and
# 16 cells beside the tuned CLBlast chain and cuBLAS fp32 (torch_bench.py) in one call, with
# x by vectors (the default since e47c28c).
# Prediction (written before the call): (1) 1.01-1.03x at 16, level at 12; (2) FlashMLP fp32
# B=1 166-168 us, 3.8-3.9x the chain; B=16 193-197 us with the shipped entry, ahead of cuBLAS.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T="strategy=mmav wg=8 kw=2 fm=1 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0 na=0 hp=1 dhp=0"
for r in 1 2; do
  R b16-entry-$r "" --shapes llama3-8b --batch 12,16 --weights f32
  R b16-tuned-$r "$T" --shapes llama3-8b --batch 12,16 --weights f32
done
timeout 120 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16 --weights f32 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.4 \
  --csv $o/record.csv --no-plot > $o/record.log 2>&1
timeout 90 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/record-torch.csv \
  --reps 10 --budget 0.4 > $o/record-torch.log 2>&1
grep -v '^#' $o/record.csv | cut -d, -f5,6,9,16,17,18
grep -v '^#' $o/record-torch.csv | cut -d, -f5,6,9,16,17,18
gpu_summary
