#!/bin/bash
# Fifteenth session: mmav's gate/up kernel with x staged in local memory (xs). Each warp of the
# shipped B=16 plan reads its 16 batch rows of x (2 KB a 32-input chunk) from the caches for
# every 4 KB of weights: half again the weights' traffic through L1/L2 (the ninth session's
# knock-outs: 85 us without the weight loads, 49 without any). With xs the work-group's warps
# share one staged copy. Prediction (before the call): B=16 gate/up 137 -> 120-125 us with
# wg=8 and xs=256/512; B=8 2-5% on gate/up.
# Profiled kernel times (medians of 9), then burst for the best shapes. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
export REPS=9
P16=$(plan f32 16); P8=$(plan f32 8); F16=$(plan f16 16)
{ echo "# 16: $P16"; echo "# 8: $P8"; echo "# f16 16: $F16"; } > $o/prof.txt
V16=("" "xs=256" "xs=512" "wg=4 kw=4 xs=256" "wg=4 kw=4 xs=512" "wg=8 kw=8 xs=256" "wg=8 kw=8 xs=512" "wg=8 kw=4 xs=256" "wg=8 kw=2 xs=256" "wg=16 kw=4 xs=256")
for r in 1 2; do
  for i in "${!V16[@]}"; do prof f32 16 "v$i-r$r" "$(with_params "$P16" "${V16[$i]}")" >> $o/prof.txt 2>&1; done
  for v in "" "xs=512" "xs=1024" "wg=8 kw=8 xs=512"; do prof f32 8 "${v// /_}-r$r" "$(with_params "$P8" "$v")" >> $o/prof.txt 2>&1; done
  for v in "" "xs=256" "xs=512" "wg=8 kw=8 xs=256"; do prof f16 16 "${v// /_}-r$r" "$(with_params "$F16" "$v")" >> $o/prof.txt 2>&1; done
done
for i in "${!V16[@]}"; do echo "v$i: ${V16[$i]}"; done > $o/variants.txt
cat $o/gpu.txt $o/variants.txt; cut -c1-170 $o/prof.txt
