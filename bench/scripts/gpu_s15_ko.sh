#!/bin/bash
# Fifteenth session, second call: where the f16 and f32 B=1 stream kernels' time goes beyond a
# plain read of their bytes, by knock-outs (a diagnostic patch applied to the snapshot only,
# bench/results/2026-11-27-h200-s15-ko/diag.patch; -DKO=n through FLASHMLP_BUILD_OPTIONS):
#   0 the kernel as shipped; 1 no phase 2 (no down^T reads, zero partial sums stored);
#   2 phase 1 without its weight loads; 3 x staged from constants; 4 no partial-sum stores;
#   5 no phase 1 (no gate/up reads: phase 2 alone); 6 neither phase's weight loads;
#   7 neither phase at all (launch, staging, tile, stores).
# Beside them the read probe of the whole bytes, phase 1's (2/3) and phase 2's (1/3).
# Prediction: KO=1 + KO=5 - KO=7 falls short of KO=0 by 3-5 us (the phase change), KO=3 and
# KO=4 take 0.5-1.5 us off each.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
export FLASHMLP_CACHE=0
$b/flashmlp-readprobe --sizes 352.3,234.9,117.4,704.6,469.7,234.9 --runs 40 > $o/probe.txt 2>&1
export REPS=15
for w in f16 f32; do
  P=$(plan $w 1); echo "# $w: $P" >> $o/prof.txt
  for r in 1 2; do
    for k in 0 1 2 3 4 5 6 7; do
      FLASHMLP_BUILD_OPTIONS="-DKO=$k" prof $w 1 ko$k-r$r "$P" >> $o/prof.txt 2>&1
    done
  done
  for k in 0 1 5 7; do
    FLASHMLP_BUILD_OPTIONS="-DKO=$k" bench1 $w exact 1 $w-ko$k "$P"
  done
done
cat $o/gpu.txt; cat $o/probe.txt | tail -12; cut -c1-160 $o/prof.txt
for w in f16 f32; do for k in 0 1 5 7; do echo "$w burst ko$k: $(bench_time $o/bench-$w-ko$k.csv)"; done; done
