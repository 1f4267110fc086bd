#!/bin/bash
# Sixth session, second tune after the four-operation split: the plain ReLU MLP at B=32/64/128
# and SwiGLU at B=32 (mma, mmav), then q8_0 and q4_0 SwiGLU at B=64/256 (mma).
# $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --kind plain --act relu --batch 32,64,128 --strategies mma,mmav --total-budget 150 \
  --out $o/relu.db > $o/tune-relu.log 2>&1
$b/flashmlp-tune --batch 32 --strategies mma,mmav --total-budget 70 \
  --out $o/b32.db > $o/tune-b32.log 2>&1
$b/flashmlp-tune --weights q8_0,q4_0 --batch 64,256 --strategies mma --total-budget 250 \
  --out $o/formats.db > $o/tune-formats.log 2>&1
cat $o/gpu.txt
grep -h -A7 'tuned ms' $o/tune-relu.log $o/tune-b32.log $o/tune-formats.log | grep -v "^ \|^base\|^$"
