#!/bin/bash
# s46-e (an nvidia-h200-x2 machine, ~500 s): the ops suite on the card, which did not finish in
# s45-g's 330 s with --jobs 8 on one card: split in two by name, one half a card, 14 jobs each,
# each test's result and time in a TAP file: card 0 ops/stream_*, card 1 the rest.
# Prediction (written before the call): both halves pass; the stream half in 200-350 s, the
# tensor-core half in 250-450 s (NVIDIA's compiler takes seconds a tensor-core program).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
run_half() { local c=$1 f=$2
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header; T start
    timeout 470 $b/tests/test_ops --jobs 14 --filter "$f" --tap=$o/ops.tap > $o/test_ops.txt 2>&1
    echo "rc $?" >> $o/test_ops.txt; T done ) & }
run_half 0 'ops/stream_*'
run_half 1 'ops/!(stream_*)'
wait
for c in 0 1; do echo "== card $c: $(cat $o/c$c/times.txt | tr '\n' ' ')"
  grep -h 'Synthesis' $o/c$c/test_ops.txt | tail -1; tail -1 $o/c$c/test_ops.txt
  grep -h '^ok\|^not ok' $o/c$c/ops.tap | sed 's/ - / /' | cut -c1-90; done
