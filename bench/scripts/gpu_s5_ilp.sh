#!/bin/bash
# Fifth session: the tensor-core kernels' mma scheduling, A/B in one call through
# FLASHMLP_BUILD_OPTIONS: FMLP_MMA_INTERLEAVE (three products step by step across fragments, 1,
# or fragment by fragment, 0, as before) x FMLP_MMA_VOLATILE (asm volatile, 1, as before, or
# not, 0). SwiGLU B=8/16 (mmav), 64/256/4096 (mma), ReLU 256/4096, f16 B=16; databases' tiles,
# burst-timed by flashmlp-bench. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
for v in "1 0" "0 1" "1 1" "0 0"; do
  set -- $v
  opt="-DFMLP_MMA_INTERLEAVE=$1 -DFMLP_MMA_VOLATILE=$2"
  echo "== interleave=$1 volatile=$2"
  FLASHMLP_BUILD_OPTIONS="$opt" $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 8,16,64,256,4096 \
    --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | grep -E '^llama3-8b +swiglu +[0-9]+ flashmlp' | awk '{print "swiglu", $3, $7}'
  FLASHMLP_BUILD_OPTIONS="$opt" $b/flashmlp-bench --shapes llama3-8b --ops relu --batch 256,4096 \
    --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | grep -E '^llama3-8b +relu +[0-9]+ flashmlp' | awk '{print "relu", $3, $7}'
  FLASHMLP_BUILD_OPTIONS="$opt" $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,256 --weights f16 \
    --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | grep -E '^llama3-8b +swiglu +[0-9]+ flashmlp' | awk '{print "f16", $3, $7}'
done > $o/ilp.txt 2>&1
# ptxas with the defaults (interleaved, not volatile): SwiGLU's B=4096 tile and ReLU's
echo "== ptxas, defaults" >> $o/ilp.txt
for op in "--act silu" "--plain --act relu"; do
  FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose $b/flashmlp run --batch 4096 $op --reps 1 \
    --check-rows 1 --build-log 2>&1 | grep -E 'entry function|spill' | grep -A1 'mma_gateup\|mma_down'
done >> $o/ilp.txt 2>&1
cat $o/gpu.txt $o/ilp.txt
