#!/bin/bash
# Fortieth session, last device minutes (one H200, ~130 s): the Llama-3-8B ReLU MLP's fp32 weights
# at B=16 run the sm_90 arch file's shape-less mmav entry (B=2-32, no hp) at 148.6 us, 1.44x the
# floor (s40-i), where SwiGLU's B=9-16 entry (hp=1, wg=8) runs at 1.25x. flashmlp-tune at B=16,
# mmav, 70 s, with SwiGLU's entry as --try; the shipped choice is measured in its run.
# Prediction: SwiGLU's tile or a neighbour 1.10-1.20x over the arch entry (125-135 us).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
SW="strategy=mmav wg=8 kw=2 fm=1 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0 na=0 hp=1 dhp=0"
timeout -s INT -k 15 110 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu --weights f32 \
  --batch 16 --budget 70 --strategies mmav --try "$SW" --out $o/relu16.db > $o/relu16.log 2>&1
T end
cat $o/times.txt
grep '^# B=\|^entry' $o/relu16.db
tail -12 $o/relu16.log
