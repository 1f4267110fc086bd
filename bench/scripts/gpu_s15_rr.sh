#!/bin/bash
# Fifteenth session, seventh call: registers against occupancy in the tensor-core kernels.
# The narrow-rows probe (h200-s15-narrow) reads at the copy rate with 868+ threads a compute
# unit and at 3.6-3.7 TB/s with 434; mmav's B=16 gate/up kernel (896 work-groups of 64, 102-113
# registers) has about 434 threads a compute unit and reads 3.44 TB/s. With more warps sharing
# rows (kw) the grid has more threads, but the registers cap them near 576. Here ptxas's
# register cap (FLASHMLP_BUILD_OPTIONS=-cl-nv-maxrregcount=N, every kernel of the process) with
# kw=2/4/8, at B=16 and 8, and the mma kernels at B=64. Prediction (before the call): a cap of
# 72-80 with kw=4 takes the B=16 gate/up kernel from 137 to 115-125 us if the spills stay
# small; B=64 gains nothing (its 246 registers hold the tile).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
export FLASHMLP_CACHE=0 REPS=9
P16=$(plan f32 16); P8=$(plan f32 8); P64=$(plan f32 64)
echo "# 16: $P16" > $o/prof.txt; echo "# 8: $P8" >> $o/prof.txt; echo "# 64: $P64" >> $o/prof.txt
for rr in 0 96 80 72 64; do
  opt=""; [ $rr != 0 ] && opt="-cl-nv-maxrregcount=$rr"
  for v in "wg=2 kw=2" "wg=4 kw=4" "wg=8 kw=8" "wg=8 kw=4"; do
    FLASHMLP_BUILD_OPTIONS="$opt" prof f32 16 "rr$rr-${v// /_}" "$(with_params "$P16" "$v")" >> $o/prof.txt 2>&1
  done
  for v in "wg=4 kw=4" "wg=8 kw=8"; do
    FLASHMLP_BUILD_OPTIONS="$opt" prof f32 8 "rr$rr-${v// /_}" "$(with_params "$P8" "$v")" >> $o/prof.txt 2>&1
  done
done
for rr in 0 168 128; do
  opt=""; [ $rr != 0 ] && opt="-cl-nv-maxrregcount=$rr"
  FLASHMLP_BUILD_OPTIONS="$opt" prof f32 64 "rr$rr" "$P64" >> $o/prof.txt 2>&1
done
# ptxas's counts for two of them
for rr in 0 80; do
  FLASHMLP_BUILD_OPTIONS="-cl-nv-maxrregcount=${rr/#0/255}" FLASHMLP_OVERRIDES="$(with_params "$P16" "wg=4 kw=4")" \
    timeout 60 $b/flashmlp run --weights f32 --batch 16 --reps 2 --build-log > $o/log-rr$rr.txt 2>&1
  grep -E "Compiling|Used|spill" $o/log-rr$rr.txt | head -12 >> $o/ptxas.txt
done
cat $o/gpu.txt; cut -c1-200 $o/prof.txt; cat $o/ptxas.txt
