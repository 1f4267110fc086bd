#!/bin/bash
# On the GPU machine, with a build in $1 and results to $2: per-kernel profiles of ReLU and
# SwiGLU at B=256/4096, the shipped choice at B=2-16, then flashmlp-tune at B=2,4,8,16.
b=$1; o=$2
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
for op in "--act silu" "--plain --act relu"; do
  echo "== $op"; $b/flashmlp run --batch 256,4096 $op --profile --reps 3 --check-rows 1 2>&1
done > $o/profile.txt
for B in 2 4 8 16; do
  echo "== B=$B"; $b/flashmlp run --batch $B --profile --reps 5 --check-rows 1 2>&1
done > $o/profile-small.txt
$b/flashmlp-tune --batch 2,4,8,16 --strategies stream,mmav --total-budget 300 \
  --out $o/tune.db > $o/tune.log 2>&1
tail -30 $o/tune.log
