#!/bin/bash
# The fourth session's closing GPU call: the fused-reduction test and the error tests on the
# card, then the burst-timed benchmarks of bench/results/2026-11-26-h200-burst (fp32 SwiGLU and
# ReLU B=1-4096 with CLBlast and PyTorch; every format at B=1/16/64/256). $1: output folder,
# run from the source root after building into $BUILD.
o=$1
export BUILD=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
(cd $BUILD/tests && ./test_ops --filter 'ops/stream_fused_reduction' && ./test_errors) > $o/tests.log 2>&1
tail -1 $o/tests.log
bash bench/results/2026-11-26-h200-burst/command.sh $o > /dev/null 2>&1
bash bench/results/2026-11-26-h200-burst/formats.sh $o > /dev/null 2>&1
