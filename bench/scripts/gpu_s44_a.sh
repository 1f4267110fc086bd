#!/bin/bash
# Prepared in the forty-third session, run in the forty-fourth as s44-a (an nvidia-h200-x2
# machine, ~500 s).
# Card 0: launchcost's argument forms (s43-b/c measured 2-4 us more a launch in a burst when 12
# arguments change between launches, though clSetKernelArg itself takes 0.01 us): is it any
# argument set, any value changed, or the buffers? That decides whether kernel objects per
# (plan variant, weights), with the weights' arguments set once, would save it on every
# forward (bench/PERFLOG.md, forty-third session). Then the 70B shard's f32 and block formats at
# 8 and 32, --uncovered (gpu_s43_next.sh's part not yet run).
# Card 1: the Llama-3-8B ReLU MLP's block formats at 8 (--uncovered; s42-e's part that did not
# run), then GPT-2's int8 cells at 2, 4 and 8 with the one-launch seeds now in the space.
# Prediction: setting the same values costs as little as setting none (the driver compares);
# swapping the buffers costs what changing all twelve did. launchcost's new rows (forty-fourth
# session): GPT-2 with its weights' arguments the same at every forward (1 copy) against
# changed (2 copies, both within L2): 1 copy 2-3 us a forward faster in a burst if changed
# buffers cost what s43-b measured for empty kernels (f32 fr=1 14 -> 11-12 us). Tunes: the shard 1.0-1.5x at 8 and
# 32 (s42-c's 1.52x at 5-8 for q8_0/q4_0), the ReLU MLP 1.0-1.1x, GPT-2 int8 1.2-1.6x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
BF=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
tune() { # name budget tune-args... (in the part's $o)
  local n=$1 t=$2; shift 2
  timeout -s INT -k 20 $((t + 20)) $b/flashmlp-tune "$@" --total-budget $t --out $o/$n.db \
    > $o/$n.log 2>&1
}
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
    > $o/cc.txt 2>&1
  timeout 100 /tmp/launchcost 7 small > $o/launchcost.md 2> $o/launchcost.err
  T launchcost
  tune shard 330 --shape 8192x3584 --weights f32,$BF --batch 8,32 --uncovered
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/shard.db) RT=120 R overlay "" --shapes llama3-70b-tp8 \
    --batch 8,32 --budget 0.1 --reps 5 --weights f32,$BF
  T overlay; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; o=$o/c1; gpu_header; T start
  tune relu 200 --shape 4096x14336 --kind plain --act relu --weights $BF --batch 8 --uncovered
  tune gpt2i8 180 --shape 768x3072 --kind plain --act gelu_tanh --weights $BF --precision int8 \
    --batch 2,4,8
  T tune
  FLASHMLP_TUNING_DIR=$(overlay $o/relu.db) RT=120 R relu "" --shapes llama3-8b --ops relu --batch 8 \
    --budget 0.1 --reps 5 --weights f32,$BF
  FLASHMLP_TUNING_DIR=$(overlay $o/gpt2i8.db) RT=60 R gpt2i8 "" --shapes gpt2 --batch 2,4,8 \
    --budget 0.15 --reps 7 --weights $BF --precision int8
  RT=60 R gpt2i8-file "" --shapes gpt2 --batch 2,4,8 --budget 0.15 --reps 7 --weights $BF \
    --precision int8
  T overlay; gpu_summary > $o/summary.txt
) &
wait
grep '^|' $o/c0/launchcost.md | head -14
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
for f in $o/c0/shard $o/c1/relu $o/c1/gpt2i8; do
  echo "== $f"; grep '^# B=' $f.db | sed 's/generic (.*shipped/shipped/'; tail -n 1 $f.log; done
