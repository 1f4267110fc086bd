#!/bin/bash
# Forty-second session, call s42-a (an nvidia-h200-x4 machine, ~520 s): the two calls the
# forty-first session prepared, side by side on four cards, as one call (a machine's device time
# counts per machine held, not per card).
#   cards 0:0 and 0:1: gpu_s42_next.sh into $o/next (the cells left behind fp32 weights);
#   cards 0:2 and 0:3: gpu_s42_b.sh into $o/b (the 70B shard's and GPT-2's decode cells).
# Predictions: those written in the two scripts (unchanged).
o=$1; d=$(dirname "$0")
mkdir -p $o/next $o/b
CA=0:0 CB=0:1 bash $d/gpu_s42_next.sh $o/next > $o/next.txt 2>&1 &
CA=0:2 CB=0:3 bash $d/gpu_s42_b.sh $o/b > $o/b.txt 2>&1 &
wait
cat $o/next.txt $o/b.txt
