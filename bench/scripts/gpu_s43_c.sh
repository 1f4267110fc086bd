#!/bin/bash
# Forty-third session, call c (an nvidia-h200-x2 machine, ~330 s). $b: this commit's build
# (flashmlp, flashmlp-bench, flashmlp-tune, test_ops); $BO: the library before the fused
# reduction's launches stopped making an event each (commit 1bd26aa, the one before).
# Card 0: launchcost against both libraries; ops/stream_fused_reduction* on the card; GPT-2's
# nine formats at B = 1, 2, 4, 8 in the benchmark, the shipped plans against the same with fr=1,
# round 1. Card 1: round 2 (the other order), then flashmlp-tune on GPT-2 fp32 at 16 and 32
# with fr in the stream space.
# Prediction (before the call): an event a launch costs an empty kernel 1-3 us more in a burst;
# with this commit GPT-2 f32 B=1 fr=1 bursts at 13-15 us against 17 with the old library (the
# two-kernel plan 19-23 in launchcost); fr=1 1.1-1.3x faster than the shipped plans on GPT-2's
# stream cells at B = 1-4 in bursts; the tune at 16 and 32 finds stream with fr 1.1-1.3x ahead
# of mmav's three kernels.
o=$1; b=${BUILD:-/tmp/bf}; BO=${BO:-/tmp/bo}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
F=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
ab() { # round order...: GPT-2 at 1-8, the shipped plans and fr=1 in the given order
  local r=$1; shift
  for v in "$@"; do
    if [ $v = fr ]; then ov="fr=1"; else ov=""; fi
    RT=150 R g-$v-$r "$ov" --shapes gpt2 --batch 1,2,4,8 --weights $F --reps 7 --budget 0.15
  done
}
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/lc-new > $o/cc.txt 2>&1
  cc -O2 $d/launchcost.c -I include -L$BO -lflashmlp -lOpenCL -lm -Wl,-rpath,$BO -o /tmp/lc-old >> $o/cc.txt 2>&1
  timeout 100 /tmp/lc-old 7 small > $o/lc-old.md 2> $o/lc-old.err; echo "rc=$?" >> $o/lc-old.err
  timeout 100 /tmp/lc-new 7 small > $o/lc-new.md 2> $o/lc-new.err; echo "rc=$?" >> $o/lc-new.err
  T launchcost
  timeout 120 $b/tests/test_ops --filter 'ops/stream_fused*' > $o/test.txt 2>&1; echo "rc=$?" >> $o/test.txt
  T test
  ab 1 ship fr
  T ab; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; o=$o/c1; gpu_header; T start
  ab 2 fr ship
  T ab
  timeout -s INT -k 20 140 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights f32 --batch 16,32 --total-budget 120 --out $o/gpt2.db > $o/gpt2.log 2>&1
  T tune; gpu_summary > $o/summary.txt
) &
wait
echo "== launchcost old"; cat $o/c0/lc-old.md | grep '^|'; echo "== new"; grep '^|' $o/c0/lc-new.md
tail -3 $o/c0/test.txt
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
grep '^# B=\|^entry' $o/c1/gpt2.db; tail -n 1 $o/c1/gpt2.log
