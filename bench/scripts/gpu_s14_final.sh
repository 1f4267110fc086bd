#!/bin/bash
# Fourteenth session, last call: B=32 (mma since the seventh session, 1.75x the floor, the
# table's worst row) tuned over mmav and mma, and B=64 over mmav (four n8 tiles a work-group,
# weights read twice); prediction: mmav at B=32 270-300 us against mma's 363, B=64 level or
# slower. Then the fp32 record (bench/results/2026-11-26-h200-burst/command.sh: SwiGLU and
# ReLU, B=1-4096, the CLBlast chain with its H200 parameters, PyTorch in the same call) with
# this call's tuned entries as an overlay. $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout -s INT 110 $b/flashmlp-tune --weights f32 --batch 32 --strategies mmav,mma --total-budget 90 \
  --try "strategy=mmav wg=4 kw=4 fm=1 fb=4 ku=1 dwg=8 dkw=8 dfb=4 dku=1 dpf=1 splits=4" \
  --try "strategy=mmav wg=2 kw=2 fm=1 fb=4 ku=1 dwg=8 dkw=8 dfb=4 dku=1 dpf=1 splits=4" \
  --out $o/ovl/s14-b32.db > $o/tune-b32.log 2>&1
timeout -s INT 80 $b/flashmlp-tune --weights f32 --batch 64 --strategies mmav --total-budget 60 \
  --out $o/s14-b64-mmav.db > $o/tune-b64-mmav.log 2>&1
timeout 260 bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/cmd.log 2>&1
cat $o/gpu.txt
for f in $o/tune-*.log; do sed -n '/^shape (formats)/,/^$/p' $f | cut -c1-230; grep "^candidates" $f; done
cut -c1-170 $o/main-table.md
