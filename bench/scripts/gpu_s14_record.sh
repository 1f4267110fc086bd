#!/bin/bash
# Fourteenth session: the fp32 record again with the shipped databases only (gpu_s14_final.sh's
# record ran with its B=32 tune as an overlay, whose entry the tuner wrote for B=17-64, so its
# B=64 row ran the B=32 tile). bench/results/2026-11-26-h200-burst/command.sh: SwiGLU and ReLU,
# B=1-4096, the CLBlast chain with its H200 parameters, PyTorch in the same call.
# $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
unset FLASHMLP_TUNING_DIR
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 300 bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/cmd.log 2>&1
cat $o/gpu.txt; cut -c1-170 $o/main-table.md
