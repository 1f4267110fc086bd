#!/bin/bash
# Thirty-seventh session's first call (H200): three prepared measurements in one call, each into
# its own folder. The snapshot has bench/scripts/s37-q3p-select.patch applied (gpu_s37_next.sh
# says how); the ReLU and shapes parts use fp32 weights, which the patch does not touch.
o=$1
d=$(dirname "$0")
mkdir -p $o/q3p $o/relu $o/shapes
RT=90 bash $d/gpu_s37_next.sh $o/q3p > $o/q3p/summary.txt 2>&1
RT=90 bash $d/gpu_s37_relu.sh $o/relu > $o/relu/summary.txt 2>&1
RT=90 bash $d/gpu_s37_shapes.sh $o/shapes > $o/shapes/summary.txt 2>&1
for p in q3p relu shapes; do echo "=== $p"; tail -n 30 $o/$p/summary.txt; done
