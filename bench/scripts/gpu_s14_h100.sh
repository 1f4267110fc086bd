#!/bin/bash
# Fourteenth session, H100: the B=1 stream plans with 512 and 1024 threads a work-group, which
# the H100's database has never had (the plan check refused them on NVIDIA until the
# thirteenth session). Prediction: 1-3% for f32/f16/bf16, as on the H200.
# $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
timeout -s INT 190 $b/flashmlp-tune --weights f32,f16,bf16 --batch 1 --strategies stream \
  --total-budget 170 \
  --try "strategy=stream wgs=512 kl=16 ti=64 bt=1 vw=4 xc=4096 rg=8" \
  --try "strategy=stream wgs=1024 kl=16 ti=128 bt=1 vw=8 xc=2048 rg=8" \
  --try "strategy=stream wgs=512 kl=16 ti=64 bt=1 vw=8 xc=4096 rg=8" \
  --out $o/ovl/s14-h100-b1.db > $o/tune.log 2>&1
cat $o/gpu.txt; sed -n '/^shape (formats)/,/^$/p' $o/tune.log | cut -c1-250; grep "^candidates" $o/tune.log
