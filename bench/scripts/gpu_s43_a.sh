#!/bin/bash
# Forty-third session, call a (an nvidia-h200-x2 machine, ~520 s).
# Card 0: bench/scripts/launchcost.c (where GPT-2's 13-14 us at B=1 go: host enqueue, the
# kernels' own time, the GPU's gaps), then Qwen2.5-7B's block formats at 4, 8, 16 --uncovered
# (gpu_s43_next.sh's c0 part). Card 1: Gemma-2B's the same (its c1 part).
# Prediction, launchcost (written before the call): an empty kernel costs the host 2-4 us to
# enqueue and the GPU 2-3 us a launch in a burst; GPT-2 f32 B=1's two kernels take 6-8 us of
# their own, its burst 13-14 us is set by the GPU's period (gaps of 2-3 us a kernel) and not by
# the host (host enqueue 5-8 us a forward); fr=1 (one kernel) 1-3 us faster in the burst.
# Llama-3-8B f32 B=1: host far below the GPU, burst = gpu period = 163-171 us.
# Tunes: 1.0-1.2x at 4, 8 and 16 on Qwen2.5-7B and Gemma-2B (s42-e's 1.00-1.18x at 8).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
BF=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
part() { # card dir name shape bench-shape batches budget tune-args...
  local c=$1 p=$2 n=$3 s=$4 bs=$5 bl=$6 t=$7; shift 7
  export FLASHMLP_DEVICE=$c; unset FLASHMLP_TUNING_DIR; o=$o/$p; gpu_header; T start
  timeout -s INT -k 20 $((t + 20)) $b/flashmlp-tune --shape $s "$@" --batch $bl --uncovered \
    --total-budget $t --out $o/$n.db > $o/$n.log 2>&1
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/$n.db) RT=120 R overlay "" --shapes $bs --batch $bl \
    --budget 0.1 --reps 5 --weights f32,$BF
  T overlay; gpu_summary > $o/summary.txt
}
(
  cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
    > $o/c0/cc.txt 2>&1
  FLASHMLP_DEVICE=0:0 timeout 150 /tmp/launchcost 7 > $o/c0/launchcost.md 2> $o/c0/launchcost.err
  echo "rc=$?" >> $o/c0/launchcost.err
  part 0:0 c0 qwen 3584x18944 qwen2.5-7b 4,8,16 330 --weights $BF
) &
( part 0:1 c1 gemma 2048x16384 gemma-2b 4,8,16 400 --act gelu_tanh --weights $BF ) &
wait
cat $o/c0/launchcost.md; tail -3 $o/c0/launchcost.err
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
for f in $o/c0/qwen $o/c1/gemma; do
  echo "== $f"; grep '^# B=' $f.db | sed 's/generic (.*shipped/shipped/'; tail -n 1 $f.log; done
