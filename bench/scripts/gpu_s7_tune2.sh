#!/bin/bash
# Seventh session, second machine: gate/up column tiles of 112 and 56 (whole waves of 128 or
# 256 work-groups for I = 14336 on 132 SMs) in the fp32 mma tune at B=32/64/128, and on an
# H200 the small batches (B=4, 8) with the mmav load-ahead axes; on an H100 the affine_q3 tune
# (its raw loads). Then the fp32 benchmark (CLBlast and PyTorch in the call) with the tunes as
# an overlay. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $FLASHMLP_TUNING_DIR
timeout 330 $b/flashmlp-tune --weights f32 --batch 32,64,128 --strategies mma --total-budget 230 \
  --try "strategy=mma mt=64 nt=112 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=4" \
  --try "strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2" \
  --try "strategy=mma mt=32 nt=112 kt=32 wm=1 wn=2 dmt=32 dnt=128 dkt=32 dwm=1 dwn=4 splits=8" \
  --out $o/ovl/s7-f32-mma.db > $o/tune-f32-mma.log 2>&1
if grep -q H200 $o/gpu.txt; then
  timeout 150 $b/flashmlp-tune --weights f32 --batch 4,8 --strategies stream,mmav --total-budget 100 \
    --out $o/ovl/s7-f32-small.db > $o/tune-f32-small.log 2>&1
else
  timeout 150 $b/flashmlp-tune --weights affine_q3 --batch 16,64,256 --strategies mmav,mma \
    --total-budget 100 --out $o/ovl/s7-q3.db > $o/tune-q3.log 2>&1
fi
$b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,2,4,8,16,32,64,128,256 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
  --csv $o/main.csv --no-plot > $o/main.log 2>&1
python3 bench/torch_bench.py --ref-csv $o/main.csv --csv $o/torch.csv --reps 10 --budget 0.5 \
  > $o/torch.log 2>&1
python3 bench/plot.py $o/main.csv $o/torch.csv --out $o/main.png --table md > $o/main-table.md 2>&1
cat $o/gpu.txt; grep -h -A5 'tuned ms' $o/tune-*.log | grep -v "^ \|^$\|^baselines"; cat $o/main-table.md
