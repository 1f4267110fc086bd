#!/bin/bash
# On the GPU machine, with a build in $1: formats at B=64 and 256 (tensor-core kernels) after
# the raw prefetch registers.
b=$1
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  echo "-- $w"
  $b/flashmlp run --weights $w --batch 64,256 --reps 10 --check-rows 1 --profile 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_[a-z_]+ +[0-9]" | sed 's/ (batch.*//' | cut -c1-120
done
