#!/bin/bash
# Fifth session: flashmlp-tune's mma search with the order/dorder axes, for the SwiGLU and
# the plain ReLU MLP at B=64, 256 and 4096. $1: output folder; build in $BUILD (/tmp/bf).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
$b/flashmlp-tune --batch 64,256,4096 --strategies mma --total-budget 240 --out $o/swiglu.db > $o/swiglu.log 2>&1
$b/flashmlp-tune --kind plain --act relu --batch 64,256,4096 --strategies mma --total-budget 240 --out $o/relu.db > $o/relu.log 2>&1
cat $o/gpu.txt; for f in swiglu relu; do grep -A4 'tuned ms' $o/$f.log; done
