#!/bin/bash
# On the GPU machine, with a build in $1: why f16/bf16 and the block formats are slower than
# fp32 at B=256 (tensor-core kernels): ptxas registers and stack per kernel, and kernel times.
b=$1
for w in f32 f16 bf16 q4_0 q8_0; do
  echo "-- $w"
  FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose $b/flashmlp run --weights $w \
    --batch 256 --reps 10 --check-rows 1 --profile --build-log 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_[a-z_]+ +[0-9]|Compiling entry|Used [0-9]+ registers|stack frame" |
    sed 's/ (batch.*//' | cut -c1-150
done
