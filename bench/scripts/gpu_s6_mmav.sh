#!/bin/bash
# Sixth session: the mmav kernels' loads, A/B in one call through FLASHMLP_BUILD_OPTIONS:
# FMLP_MMAV_PF (1: the next step's loads issued before this step's mma, both kernels; 0: as
# before) x FMLP_MMAV_CONTIG (1: gate/up lanes read 64 contiguous bytes of a row a load; 0: 16
# bytes every 32, as before). fp32 SwiGLU B=4/8/16, f16 and q4_0 at B=16 (the databases'
# choices, burst-timed by flashmlp-bench), per-kernel profiles at B=8/16. Then the tensor-core
# tests. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
row() { grep -E "^llama3-8b +$1 +[0-9]+ flashmlp" | awk -v t="$2" '{print t, $3, $7}'; }
for v in "0 0" "1 1" "0 1" "1 0" "0 0" "1 1"; do
  set -- $v
  export FLASHMLP_BUILD_OPTIONS="-DFMLP_MMAV_PF=$1 -DFMLP_MMAV_CONTIG=$2"
  echo "== pf=$1 contig=$2"
  $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 4,8,16 \
    --impl flashmlp --reps 9 --budget 0.3 --no-plot 2>&1 | row swiglu f32
  for w in f16 q4_0; do
    $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16 --weights $w \
      --impl flashmlp --reps 9 --budget 0.3 --no-plot 2>&1 | row swiglu $w
  done
done > $o/mmav.txt 2>&1
for v in "0 0" "1 1"; do
  set -- $v
  echo "== pf=$1 contig=$2"
  FLASHMLP_BUILD_OPTIONS="-DFMLP_MMAV_PF=$1 -DFMLP_MMAV_CONTIG=$2" $b/flashmlp run --batch 8,16 --profile --reps 5 --check-rows 2 2>&1
done > $o/profile.txt 2>&1
unset FLASHMLP_BUILD_OPTIONS
$b/tests/test_ops --filter 'ops/mma_tensor_cores' --verbose > $o/test-mma.txt 2>&1
cat $o/gpu.txt $o/mmav.txt
grep -E "pf=|fmlp_|^ +[0-9]+ +[0-9.]+ " $o/profile.txt | cut -c1-60
tail -3 $o/test-mma.txt
