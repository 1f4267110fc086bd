#!/bin/bash
# Tenth session, last call: the fp32 record again with the ReLU entries of gpu_s10_relu.sh in
# nvidia-h200.db (bench/results/2026-11-26-h200-burst/command.sh: SwiGLU and ReLU, B=1-4096,
# CLBlast and PyTorch in the call), then the unit tests on the card (Oclgrind's left out: it
# runs on the CPU). $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
timeout 240 bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/cmd.log 2>&1
timeout 230 ctest --test-dir $b -j4 --timeout 220 -E oclgrind > $o/ctest.log 2>&1
echo "ctest exit $?" >> $o/ctest.log
cat $o/gpu.txt; grep -E "tests passed|Failed|\*\*\*|ctest exit" $o/ctest.log
cat $o/main-table.md | cut -c1-170
