#!/bin/bash
# Forty-third session, call f (an nvidia-h200-x2 machine, ~260 s): GPT-2's int8 cells at B=1,
# which run sm_90's shape-less entries (tuned for H=4096, two launches), tuned with the
# one-launch form among the candidates (--try: fr=1 needs ps=0, two axes away from the int8
# seeds); card 0 q8_0, q4_0, affine_q2; card 1 affine_q3, affine_q4, affine_q8. Then each card's
# overlay against the file in bursts, two rounds in alternating order.
# Prediction (before the call): 1.2-1.8x at B=1, as the exact formats' one-launch entries gave
# (s43-c/d), most winners with fr=1.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
part() { # card dir formats
  local c=$1 p=$2 w=$3
  export FLASHMLP_DEVICE=$c; unset FLASHMLP_TUNING_DIR; o=$o/$p; gpu_header; T start
  timeout -s INT -k 20 160 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh \
    --weights $w --precision int8 --batch 1 --total-budget 140 --out $o/g1.db \
    --try "strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=768 fr=1 ps=0" \
    --try "strategy=stream wgs=256 kl=32 ti=32 bt=1 xc=768 fr=1 ps=0" \
    --try "strategy=stream wgs=256 kl=16 ti=16 bt=1 xc=768 fr=1 ps=0" > $o/g1.log 2>&1
  T tune
  local ov; ov=$(overlay $o/g1.db)
  for r in 1 2; do
    if [ $r = 1 ]; then vs="file tuned"; else vs="tuned file"; fi
    for v in $vs; do
      if [ $v = tuned ]; then export FLASHMLP_TUNING_DIR=$ov; else unset FLASHMLP_TUNING_DIR; fi
      RT=60 R g1-$v-$r "" --shapes gpt2 --batch 1 --weights $w --precision int8 --reps 7 --budget 0.15
    done
  done
  unset FLASHMLP_TUNING_DIR
  T overlay; gpu_summary > $o/summary.txt
}
( part 0:0 c0 q8_0,q4_0,affine_q2 ) &
( part 0:1 c1 affine_q3,affine_q4,affine_q8 ) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt
  grep '^# B=' $o/$c/g1.db | sed 's/generic (.*shipped/shipped/'; grep -o '^entry.*' $o/$c/g1.db | grep -o 'wt=[a-z0-9_]*\|fr=[0-9]*\|ps=[0-9]' | tr '\n' ' '; echo; tail -n 1 $o/$c/g1.log; done
