#!/bin/bash
# Prepared in the thirty-sixth session for the next call (H200), not yet run. s36-i: AFFINE_Q3's
# paired loads in mma's hp=1 iw=1 kernels (f5e8972, reverted) ran 0.65-0.86x of the fours.
# Read afterwards: gate/up's store took its register by a run-time index (rb[p][2q + (i ^ sw)]);
# clang's PTX of that program (nvptx64, the source as the host builds it for NVIDIA) moves gate/up's
# raw registers to local memory (36 ld.local, 56 st.local), where the fours and a select of the
# two registers have none loaded (0 ld.local). bench/scripts/s37-q3p-select.patch is f5e8972 with
# that select (its tests pass on PoCL: ops/mma_q3_paired_loads, ops/mma_q3_fours).
# Before the call, on the development machine: make the snapshot as usual, then
#   patch -p1 -d .snap < bench/scripts/s37-q3p-select.patch
# The call: the pairs against -DFMLP_Q3P=0 (the fours) in one build, alternating twice, Llama-3-8B
# affine_q3 with fp32 x at B = 256, 600, 1024 (the shipped entries), fp32 weights once.
# Prediction (to be revised before the call): the pairs 1.00-1.05x of the fours; if the down
# kernel's pairs also lose, -DFMLP_Q3P=0 for down alone is the next split to measure.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
grep -q "Q3P" cl/mlp_mma.cl || { echo "the patch is not applied to this snapshot" > $o/error.txt; exit 1; }
for r in 1 2; do
  FLASHMLP_BUILD_OPTIONS=-DFMLP_Q3P=0 R fours-r$r "" --shapes llama3-8b --batch 256,600,1024 --weights affine_q3 --budget 0.1 --reps 5
  R pairs-r$r "" --shapes llama3-8b --batch 256,600,1024 --weights affine_q3$([ $r = 1 ] && echo ,f32) --budget 0.1 --reps 5
  T round$r
done
cat $o/times.txt
gpu_summary
