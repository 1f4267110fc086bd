#!/bin/bash
# Twenty-seventh session, call 3 (H200): which of mmav's two kernels loses with fp16 pairs.
# Call 1 measured hp (both kernels) 1.18-1.24x slower for fp32 at B=16 and 1.07x slower for f16
# at 16, 1.07x faster for f16 at 32; call 2 measured the f16x2 conversions at the FMA's rate, so
# the conversions' throughput is not why. hp is now two parameters, hp (gate/up) and dhp
# (down); here each kernel's time (flashmlp run --profile, profiling events, median of 5) for
# the shipped entries with hp and dhp on and off, two rounds.
# Prediction (written before the call): gate/up with hp 0.95-1.05x (the x loads and the weight
# stream bound it, not the tensor cores), the down kernel with dhp 1.2-1.5x slower (its four
# float4 loads a k-row group per lane where 3xTF32 takes two, and the h scaling's shuffles).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
P() { local n=$1 ov=$2 w=$3 bb=$4
  FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp run --batch $bb --weights $w --reps 5 \
    --profile > $o/$n.log 2>&1
  echo "$n [$w B=$bb $ov]: $(grep -E 'fmlp_|sum of|checks|FAIL|rror' $o/$n.log | awk '{printf "%s %s; ", $1, $(NF-1)}')" | tee -a $o/summary.txt
}
for r in 1 2; do
  P f32-16-entry$r "" f32 16
  P f32-16-hp$r "hp=1 dhp=0" f32 16
  P f32-16-dku2-$r "dku=2" f32 16
  P f32-16-dhp$r "dku=2 hp=0 dhp=1" f32 16
  P f32-16-both$r "dku=2 hp=1 dhp=1" f32 16
  for w in f16:16 f16:32 f32:32 bf16:32; do
    wt=${w%:*}; bb=${w#*:}
    P $wt-$bb-entry$r "" $wt $bb
    P $wt-$bb-hp$r "hp=1 dhp=0" $wt $bb
    P $wt-$bb-dhp$r "hp=0 dhp=1" $wt $bb
  done
done
cat $o/gpu.txt
