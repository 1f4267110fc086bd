#!/bin/bash
# Forty-fourth session, call c (an nvidia-h200-x2 machine, ~260 s).
# Card 0: launchcost's flush rows: GPT-2 at B=1 (q4_0+int8, f16, f32) and 8 (q8_0+int8), and
# Llama-3-8B's q4_0+int8 and affine_q2+int8 at B=1, each with clFlush after every forward,
# after every fourth, and none (two passes, opposite orders). s44-a/b: GPT-2's q4_0+int8 at B=1
# drained 200 queued forwards at 8.8 us each but ran bursts at 15.4, with the host's enqueue
# taking 5.4 us held; kernel objects bound to their weights changed nothing (s44-b).
# Then GPT-2's int8 cells at 2, 4, 8: s44-a's tuned entries (overlay) against the file, a second
# round in the opposite order to s44-a's.
# Card 1: s44-a's tuned entries for the ReLU MLP at 8 and the 70B shard at 8 and 32 (overlay)
# against the file, in the order file, overlay, overlay, file.
# Prediction (before the call): if the driver holds commands until a flush or a threshold, a
# flush after every forward brings GPT-2's bursts to the drain's rate (q4_0+int8 15.4 -> 9-10
# us; f16 15.0 -> 11.5) and leaves Llama-3-8B's (already at its drain rate) level. Otherwise all
# level. The overlays: the tuner's gains within 5% through flashmlp-bench for the shard and ReLU
# (1.05-1.47x); GPT-2 int8 within noise (s44-a's one round was mixed).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0"); dbs=$2
. "$d/gpu_lib.sh"
BF=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
    > $o/cc.txt 2>&1
  timeout 200 /tmp/launchcost 7 flush > $o/launchcost.md 2> $o/launchcost.err
  T launchcost
  RT=60 R gpt2i8-file "" --shapes gpt2 --batch 2,4,8 --budget 0.15 --reps 7 --weights $BF \
    --precision int8
  FLASHMLP_TUNING_DIR=$(overlay $dbs/gpt2i8.db) RT=60 R gpt2i8 "" --shapes gpt2 --batch 2,4,8 \
    --budget 0.15 --reps 7 --weights $BF --precision int8
  T gpt2; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; o=$o/c1; gpu_header; T start
  for v in file overlay overlay2 file2; do
    ov=""; [ ${v%2} = overlay ] && ov=1
    if [ -n "$ov" ]; then export FLASHMLP_TUNING_DIR=$(overlay $dbs/relu.db $dbs/shard.db); else unset FLASHMLP_TUNING_DIR; fi
    RT=100 R relu-$v "" --shapes llama3-8b --ops relu --batch 8 --budget 0.1 --reps 5 --weights f32,$BF
    RT=100 R shard-$v "" --shapes llama3-70b-tp8 --batch 8,32 --budget 0.1 --reps 5 --weights f32,$BF
  done
  unset FLASHMLP_TUNING_DIR
  T overlay; gpu_summary > $o/summary.txt
) &
wait
grep '^|' $o/c0/launchcost.md
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
