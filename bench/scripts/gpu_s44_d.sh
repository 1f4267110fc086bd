#!/bin/bash
# Forty-fourth session, call d (an nvidia-h200-x2 machine, ~120 s): launchcost's gate rows on
# both cards (one process each). s44-a to -c: GPT-2's small cells drain 200 queued forwards
# faster than a plain burst runs them (q4_0+int8 B=1: 8.7-9.2 us against 10.6-17.5; f16 11.3-11.6
# against 11.3-18.3), and neither kernel objects bound to their weights nor clFlush closed that.
# Here the burst's forwards are enqueued in groups of 12 (GPT-2's layers) or 32 (Llama-3-8B's),
# each group behind a user event released once it is enqueued, as an engine could enqueue a
# token's layers.
# Prediction (before the call): gated groups run at the drain's rate where the drain is the
# faster: GPT-2 q4_0+int8 B=1 -> 9-10 us, f16 -> 11.5-12, q8_0+int8 B=8 -> 16-17; f32 B=1
# (already at its drain, 14.3) and Llama-3-8B (32.4, 25.0) level.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
  > $o/cc.txt 2>&1
for c in 0 1; do
  ( export FLASHMLP_DEVICE=0:$c; o=$o/c$c; gpu_header; T start
    timeout 200 /tmp/launchcost 7 gate > $o/launchcost.md 2> $o/launchcost.err; T gate ) &
done
wait
for c in c0 c1; do echo "== $c"; grep '^|' $o/$c/launchcost.md; done
