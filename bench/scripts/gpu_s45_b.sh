#!/bin/bash
# s45-b (an nvidia-h200-x2 machine, ~200 s): desc.accumulate (y = y + MLP(x)) on the card.
# Card 0: bench/scripts/residual.c, built here against the library: bursts of 200 calls of
# the MLP alone, the MLP then an elementwise residual-add kernel (what a caller does without
# accumulate), and the plan with accumulate; GPT-2 and Llama-3-8B at B = 1 and 16, seven
# rounds in alternating order. Card 1: the test api/accumulate on NVIDIA (its fused reduction
# and fused rows form cases run only there), then the whole api suite.
# Prediction (written before the call): the add kernel costs a dependent launch, 4-6 us a call
# in a burst (s43/s44: 5.6 us for an empty kernel), so "+ add" - "acc" = 4-6 us everywhere,
# and "acc" is within 0.5 us of the MLP alone (one more read of y, B x H values); GPT-2 q4_0+int8
# at B=1 (about 10-15 us) 1.3-1.5x faster with accumulate than with the add kernel. Outputs of
# the two forms bit-identical. The test passes on the card.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
cc -O2 bench/scripts/residual.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/residual \
  > $o/cc.log 2>&1
(
  export CUDA_VISIBLE_DEVICES=0; o=$o/c0; gpu_header; T start
  timeout 240 /tmp/residual 7 > $o/residual.txt 2> $o/residual.log
  T residual
) &
(
  export CUDA_VISIBLE_DEVICES=1; o=$o/c1; gpu_header; T start
  timeout 200 $b/tests/test_api --filter 'api/accumulate' --verbose > $o/test_accumulate.txt 2>&1
  echo "rc $?" >> $o/test_accumulate.txt
  T accumulate
  timeout 200 $b/tests/test_api > $o/test_api.txt 2>&1
  echo "rc $?" >> $o/test_api.txt
  T api
) &
wait
cat $o/cc.log $o/c0/residual.txt; tail -3 $o/c1/test_accumulate.txt $o/c1/test_api.txt
