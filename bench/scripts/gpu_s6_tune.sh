#!/bin/bash
# Sixth session: flashmlp-tune after the four-operation 3xTF32 split and the mmav load-ahead
# switches (pf, dpf): fp32 SwiGLU B=4/8/16 over mmav, B=64/128/256 over mma. Each tune's
# table sets its winner beside the databases' choice, measured in the same run.
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --batch 4,8,16 --strategies mmav --total-budget 200 \
  --out $o/small.db > $o/tune-small.log 2>&1
$b/flashmlp-tune --batch 64,128,256 --strategies mma --total-budget 300 \
  --out $o/mid.db > $o/tune-mid.log 2>&1
cat $o/gpu.txt
grep -A6 'tuned ms' $o/tune-small.log $o/tune-mid.log
