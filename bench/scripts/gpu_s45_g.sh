#!/bin/bash
# s45-g (an nvidia-h200-x2 machine, ~400 s): the suite on the card after this session's kernel
# change (fmlp_y1's accumulate; every other build unchanged): test_ops and test_oclgrind (as
# ordinary tests) on card 0, test_api and test_database on card 1; before them, issue 3's B = 1
# and 16 against the chain once more on each card (s45-e's command), a third sample of the ratio.
# Prediction (written before the call): every test passes; B=1 3.92-4.03x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
run_tests() { local t; for t in "$@"; do
    timeout 330 $b/tests/test_$t --jobs 8 > $o/test_$t.txt 2>&1; echo "rc $?" >> $o/test_$t.txt
  done; }
for c in 0 1; do
  ( export CUDA_VISIBLE_DEVICES=$c FLASHMLP_DEVICE=0:0; o=$o/c$c; mkdir -p $o; gpu_header; T start
    timeout 100 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
      --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
      --no-plot > $o/record.log 2>&1
    T record
    if [ $c = 0 ]; then run_tests ops oclgrind; else run_tests api database; fi
    T tests ) &
done
wait
for c in 0 1; do echo "== card $c"; grep -E "^llama" $o/c$c/record.log | awk '{print $3, $4, $8, $11, $12}'
  for f in $o/c$c/test_*.txt; do echo "$(basename $f): $(grep -h 'Synthesis' $f | tail -1) $(tail -1 $f)"; done; done
