#!/bin/bash
# Forty-third session, call b (one H200, ~120 s): launchcost's host/GPU split (held, drain) and
# the API calls' host cost; GPT-2 in bursts with the one-kernel form (fr=1) against the shipped
# plans at B = 1 and 2.
# Prediction (before the call): an API query or clSetKernelArg 0.1-0.5 us of host time on
# NVIDIA; an empty kernel 5-6 us of host time held (the enqueue itself), 2-3 us a kernel when
# drained; GPT-2 f32 B=1 held 17-18 us a forward, drained 8-10 us: the host is the limit.
# fr=1 at B=1 and 2: 1-3 us faster than the shipped two-kernel plans in bursts.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
  > $o/cc.txt 2>&1
timeout 150 /tmp/launchcost 7 small > $o/launchcost.md 2> $o/launchcost.err; echo "rc=$?" >> $o/launchcost.err
T launchcost
for r in 1 2; do
  R g-ship-$r "" --shapes gpt2 --batch 1,2 --weights f32,q4_0,affine_q4 --burst 20 --reps 7 --budget 0.2
  R g-fr-$r "fr=1" --shapes gpt2 --batch 1,2 --weights f32,q4_0,affine_q4 --burst 20 --reps 7 --budget 0.2
done
T bench
gpu_summary > $o/summary.txt
cat $o/launchcost.md; tail -2 $o/launchcost.err; cat $o/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/summary.txt
