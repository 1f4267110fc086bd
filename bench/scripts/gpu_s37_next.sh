#!/bin/bash
# Prepared in the thirty-sixth session for the next call (H200), not yet run. s36-i: AFFINE_Q3's
# paired loads in mma's hp=1 iw=1 kernels (f5e8972, reverted) ran 0.65-0.86x of the fours.
# Read afterwards: gate/up's store took its register by a run-time index (rb[p][2q + (i ^ sw)]);
# clang's PTX (a proxy: bench/scripts/ptx_check.sh says why) of that program (nvptx64, the source as the host builds it for NVIDIA) moves gate/up's
# raw registers to local memory (36 ld.local, 56 st.local), where the fours and a select of the
# two registers have none loaded (0 ld.local). bench/scripts/s37-q3p-select.patch is f5e8972 with
# that select (its tests pass on PoCL: ops/mma_q3_paired_loads, ops/mma_q3_fours).
# Build targets on the card: flashmlp-bench and flashmlp_cli.
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
# ptxas's own word on each build: stack frame and spills per kernel (with the build options set,
# --build-log prints every build's log; -cl-nv-verbose is on for NVIDIA)
ov="strategy=mma hp=1 iw=1 mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4"
for q in 0 1; do
  FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS=-DFMLP_Q3P=$q FLASHMLP_OVERRIDES="$ov" timeout 120 \
    $b/flashmlp run --hidden 4096 --intermediate 14336 --batch 256 --reps 1 --weights affine_q3 \
    --build-log > $o/ptxas-q3p$q.txt 2>&1
  echo "== Q3P=$q"; grep -A2 "Function properties for fmlp_mma" $o/ptxas-q3p$q.txt | grep -v "^--"
done
cat $o/times.txt
gpu_summary
