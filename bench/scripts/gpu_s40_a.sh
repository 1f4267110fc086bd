#!/bin/bash
# Fortieth session, first call (one H200, ~420 s). gpu_s40_next.sh (prepared in s39) plus the
# first GPU measurement of the tuner's neighbours step.
# 1. Gemma-2B's block formats at B=384/512, 0.91-0.97x of fp32 weights on F2 (s39-g): QT, Q2 and
#    T3 against the file (their entries cover 257-768).
# 2. Qwen2.5-7B's q4_0 at 256 and 384 on QT and Q2 (its siblings moved in s39-e/f; q4_0 stayed on
#    F2, 1.01-1.07x of fp32).
# 3. flashmlp-tune of Qwen q4_0 at B=256 (mma, 80 s of budget), once with the neighbours step and
#    once with --no-neighbours, each run measuring the shipped lookup's choice.
# Prediction: 1. QT/Q2 1.03-1.15x over the file at 512, 0.95-1.05x at 384; 2. 1.10-1.20x at both;
# 3. with neighbours the tune's best is QT or Q2 (or another 128-row tile), 1.10-1.20x over the
#    shipped choice; without them the seeds' best is 1.00-1.08x (the s38-e tune of its siblings
#    from seeds did not reach the 128-row tiles).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
c="--budget 0.1 --reps 5"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
G="--shapes gemma-2b --batch 384,512 $c"
R gemma-file "" $G --weights f32,$W
for k in QT Q2 T3; do t=TILE_$k; R gemma-$k "${!t}" $G --weights $W; done
T gemma
Q="--shapes qwen2.5-7b --batch 256,384 $c"
R qwen-file "" $Q --weights f32,q4_0
for k in QT Q2; do t=TILE_$k; R qwen-$k "${!t}" $Q --weights q4_0; done
T qwen
tune() { local n=$1 t=$2; shift 2
  timeout -s INT -k 20 $t $b/flashmlp-tune "$@" --strategies mma --out $o/$n.db > $o/$n.log 2>&1
  T $n; }
tune nb-on 110 --shape 3584x18944 --weights q4_0 --batch 256 --budget 80
tune nb-off 110 --shape 3584x18944 --weights q4_0 --batch 256 --budget 80 --no-neighbours
T end
gpu_summary > $o/summary.txt
grep -v "^NVIDIA" $o/summary.txt
python3 $d/below_f32.py $o/*-file.csv
for n in nb-on nb-off; do echo "== $n"; grep '^# B=\|^entry' $o/$n.db; tail -8 $o/$n.log; done
