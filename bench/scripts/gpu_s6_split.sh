#!/bin/bash
# Sixth session: the 3xTF32 split's cost, A/B in one call through FLASHMLP_BUILD_OPTIONS:
# FMLP_SPLIT_RNA=1 (both parts rounded, about 11 operations a value, as before) or 0 (big
# truncated, the exact rest rounded: 4 operations). Per-kernel profiles at B=8/16 (mmav),
# flashmlp-bench (burst timing, the databases' choices) for fp32 SwiGLU, ReLU, f16 and the
# block formats. $1: output folder; build in $BUILD (/tmp/bf).
# The FMLP_SPLIT_RNA switch existed from commit 1e27ac6 until the A/B was decided; run this
# script from that commit to repeat it (at later commits both variants build the new split).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
row() { grep -E "^llama3-8b +$1 +[0-9]+ flashmlp" | awk -v t="$2" '{print t, $3, $7}'; }
for v in 1 0 1 0; do
  opt="-DFMLP_SPLIT_RNA=$v"
  echo "== rna=$v"
  export FLASHMLP_BUILD_OPTIONS="$opt"
  $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 4,8,16,64,256,4096 \
    --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | row swiglu f32
  [ -n "$second" ] && continue
  [ $v = 0 ] && second=1
  $b/flashmlp-bench --shapes llama3-8b --ops relu --batch 4096 \
    --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | row relu relu
  for w in f16 q8_0 q4_0; do
    $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64,256 --weights $w \
      --impl flashmlp --reps 7 --budget 0.3 --no-plot 2>&1 | row swiglu $w
  done
done > $o/split.txt 2>&1
for v in 1 0; do
  echo "== rna=$v"
  FLASHMLP_BUILD_OPTIONS="-DFMLP_SPLIT_RNA=$v" $b/flashmlp run --batch 8,16 --profile --reps 5 --check-rows 2 2>&1
done > $o/profile.txt 2>&1
unset FLASHMLP_BUILD_OPTIONS
cat $o/gpu.txt $o/split.txt
grep -E "rna=|fmlp_|rel. error|^ +[0-9]+ +[0-9.]+ " $o/profile.txt
