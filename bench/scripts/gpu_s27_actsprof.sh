#!/bin/bash
# Twenty-seventh session, call 10 (H200): where f16 activations lose 10-17% against fp32 ones on
# the same entries (call 9: f16 weights B=16 149.0 against 133.7 us, B=256 1334 against 1167).
# Kernel times (flashmlp run --profile, median of 5) for f16 weights at B=16 and 256 with fp32
# and f16 activations, and f16 activations with HP_XLO=1 (x's pairs as before this session).
# Prediction (written before the call): the gate/up kernel holds the difference (x's loads and
# conversions of 16-bit x), the down kernel level; HP_XLO=1 slower than the default.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
P() { local n=$1 at=$2 bb=$3
  timeout 60 $b/flashmlp run --batch $bb --weights f16 --acts $at --reps 5 --profile > $o/$n.log 2>&1
  echo "$n: $(grep -E 'fmlp_|sum of|checks|FAIL|rror' $o/$n.log | awk '{printf "%s %s; ", $1, $(NF-1)}')" | tee -a $o/summary.txt
}
for bb in 16 256; do
  P f32acts-b$bb f32 $bb
  P f16acts-b$bb f16 $bb
  FLASHMLP_BUILD_OPTIONS=-DHP_XLO=1 P f16acts-xlo-b$bb f16 $bb
done
cat $o/gpu.txt
