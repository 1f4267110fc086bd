#!/bin/bash
# Forty-third session, call e (an nvidia-h200-x2 machine, ~380 s): GPT-2's B=8 cells (mmav
# with three kernels, or stream with two) tuned with fr, the one-launch form, in the stream
# space; card 0 the 32- and 16-bit formats and q8_0/q4_0, card 1 the affine formats. Then each
# card's overlay against the file in the benchmark, two rounds in alternating order.
# Prediction (before the call): stream with fr=1 wins some B=8 cells by 1.1-1.3x (one launch
# against three: s43-c/d put a launch at about 5 us of a 19-27 us cell); the rest stay.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
part() { # card dir formats
  local c=$1 p=$2 w=$3
  export FLASHMLP_DEVICE=$c; unset FLASHMLP_TUNING_DIR; o=$o/$p; gpu_header; T start
  timeout -s INT -k 20 250 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights $w --batch 8 --total-budget 230 --out $o/g8.db > $o/g8.log 2>&1
  T tune
  local ov; ov=$(overlay $o/g8.db)
  for r in 1 2; do
    if [ $r = 1 ]; then vs="file tuned"; else vs="tuned file"; fi
    for v in $vs; do
      if [ $v = tuned ]; then export FLASHMLP_TUNING_DIR=$ov; else unset FLASHMLP_TUNING_DIR; fi
      RT=90 R g8-$v-$r "" --shapes gpt2 --batch 8 --weights $w --reps 7 --budget 0.15
    done
  done
  unset FLASHMLP_TUNING_DIR
  T overlay; gpu_summary > $o/summary.txt
}
( part 0:0 c0 f32,f16,bf16,q8_0,q4_0 ) &
( part 0:1 c1 affine_q2,affine_q3,affine_q4,affine_q8 ) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt
  grep '^# B=' $o/$c/g8.db | sed 's/generic (.*shipped/shipped/'; grep -o 'strategy=[a-z]* .*fr=[0-9]' $o/$c/g8.db | sed 's/ .* / ... /'; tail -n 1 $o/$c/g8.log; done
