#!/bin/bash
# For the next session (written in the tenth, not yet run): the stream kernel with several
# slices a work-group (sp) at B=1, against the databases' entries, same call.
# Prediction (tenth session): the partial sums and the reduction's reads shrink sp-fold (7.3 MB
# each way at sp=1) and x is staged once a work-group; with kl doubled so that the loads in
# flight stay (they go as kl / sp), 1-2 us at B=1 for fp32 and f16 (f16 94.2 -> 92-93 us), and
# with int8 the x quantization (4.5 us in every work-group, fourth session) is done by half as
# many work-groups: q4_0+int8 37.0 -> 34-35 us. (1) flashmlp run --profile A/B, two rounds;
# (2) a tune at B=1 with sp in the space; (3) flashmlp-bench (burst) with and without the tune.
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
. bench/scripts/gpu_prof.sh # prof <weights> <B> <tag> <overrides> [run options]
REPS=15
F32="strategy=stream wgs=256 kl=16 ti=32 bt=1 vw=4 xc=4096"
F16="strategy=stream wgs=256 kl=16 ti=32 bt=1 vw=8 xc=2048"
Q4="strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096 pb=1"
{
for r in 1 2; do
  prof f32 1 entry "$F32"; prof f32 1 sp2-kl32 "${F32/kl=16/kl=32} sp=2"; prof f32 1 sp2 "$F32 sp=2"
  prof f32 1 sp4-kl64 "strategy=stream wgs=512 kl=64 ti=32 bt=1 vw=4 xc=4096 sp=4"
  prof f16 1 entry "$F16"; prof f16 1 sp2-kl32 "${F16/kl=16/kl=32} sp=2"
  prof f16 1 sp4-kl64 "strategy=stream wgs=512 kl=64 ti=32 bt=1 vw=8 xc=4096 sp=4"
  prof q4_0 1 entry "$Q4"; prof q4_0 1 sp2-kl32 "${Q4/kl=16/kl=32} sp=2"
  prof q4_0 1 int8-entry "$Q4" "--precision int8"; prof q4_0 1 int8-sp2-kl32 "${Q4/kl=16/kl=32} sp=2" "--precision int8"
  prof q4_0 1 int8-sp2 "$Q4 sp=2" "--precision int8"
done
} > $o/ab.txt 2>&1
bench() { timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1 \
  --weights f32,f16,q4_0,affine_q2 --precision exact,int8 --impl flashmlp --reps 15 --budget 0.3 \
  --csv $o/bench-$1.csv --no-plot > $o/bench-$1.log 2>&1; }
if [ -z "${NO_TUNE:-}" ]; then # NO_TUNE=1: the A/B and the shipped entries' benchmark only
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --weights f32,f16,q4_0 --batch 1 --strategies stream --total-budget 120 \
  --out $o/ovl/s11-b1.db > $o/tune.log 2>&1
timeout 140 $b/flashmlp-tune --weights q4_0,affine_q2 --precision int8 --batch 1 --strategies stream \
  --total-budget 60 --out $o/ovl/s11-b1-int8.db > $o/tune-int8.log 2>&1
bench overlay
fi
FLASHMLP_TUNING_DIR=$o/none bench shipped
cat $o/gpu.txt; sort -k1,1 -k3,3 -s $o/ab.txt | cut -c1-200
[ -f $o/tune.log ] && grep -h -A8 'tuned ms' $o/tune.log $o/tune-int8.log | grep -v "^$\|^baselines" | cut -c1-230
for t in overlay shipped; do [ -f $o/bench-$t.log ] || continue; echo "== $t"; grep -E "^llama3-8b +swiglu +1 flashmlp" $o/bench-$t.log | awk '{print $5, $6, $7}'; done
