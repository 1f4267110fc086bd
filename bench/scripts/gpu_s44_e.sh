#!/bin/bash
# Forty-fourth session, call e (an nvidia-h200-x2 machine, ~380 s): the decode cells that still
# start from sm_90's shape-less entries (coverage after s44-c: Llama-3-8B SwiGLU 12 with fp32 x,
# the ReLU MLP 15), tuned with --uncovered, then each overlay against the file in bursts (file,
# overlay, overlay, file) in the same call.
# Card 0: Llama-3-8B SwiGLU, f16, bf16, q8_0, q4_0, affine_q2, affine_q4 at 2, 4, 8.
# Card 1: the Llama-3-8B ReLU MLP, every format at 2, 4, 8.
# Prediction (before the call): Llama-3-8B SwiGLU 1.00-1.10x (sm_90's B=2-8 entries were tuned
# on it); the ReLU MLP 1.0-1.5x on a few cells (s44-a's at 8: 1.08-1.49x).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
tune() { # name budget tune-args... (in the part's $o)
  local n=$1 t=$2; shift 2
  timeout -s INT -k 20 $((t + 20)) $b/flashmlp-tune "$@" --total-budget $t --out $o/$n.db \
    > $o/$n.log 2>&1
}
check() { # name db bench-args...: file, overlay, overlay, file
  local n=$1 db=$2; shift 2
  for v in file overlay overlay2 file2; do
    if [ ${v%2} = overlay ]; then export FLASHMLP_TUNING_DIR=$(overlay $db); else unset FLASHMLP_TUNING_DIR; fi
    RT=60 R $n-$v "" "$@" --budget 0.08 --reps 5
  done
  unset FLASHMLP_TUNING_DIR
}
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  W=f16,bf16,q8_0,q4_0,affine_q2,affine_q4
  tune swiglu 160 --shape 4096x14336 --weights $W --batch 2,4,8 --uncovered
  T tune
  check swiglu $o/swiglu.db --shapes llama3-8b --batch 2,4,8 --weights $W
  T check; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; o=$o/c1; gpu_header; T start
  W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
  tune relu 160 --shape 4096x14336 --kind plain --act relu --weights $W --batch 2,4,8 --uncovered
  T tune
  check relu $o/relu.db --shapes llama3-8b --ops relu --batch 2,4,8 --weights $W
  T check; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
for f in $o/c0/swiglu $o/c1/relu; do
  echo "== $f"; grep '^# B=' $f.db | sed 's/generic (.*shipped/shipped/'; tail -n 1 $f.log; done
