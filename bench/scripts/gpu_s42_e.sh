#!/bin/bash
# Forty-second session, call s42-e (an nvidia-h200-x4 machine, ~170 s: the last device minutes),
# written before the call. The block formats' B=5-8 cells that still run sm_90's entries
# (bench/results/2026-11-29-coverage-after-s42): Qwen2.5-7B (c0), Gemma-2B (c1), the ReLU MLP (c2)
# and the shard's affine formats (c3), each `--batch 8 --uncovered` (the first GPU run of the
# clipped ranges: the entries must come out as B=5-8 with no hand edit), then its overlay beside
# fp32 at 8. Splice with --min-gain 1.03. NCARDS=2 (an x2 machine, x4 not lent): c0 and c1 only.
# Prediction: 1.2-1.5x on Qwen2.5-7B, Gemma-2B and the shard (its q8_0/q4_0 gained 1.52x at 8 in
# s42-c), 1.0-1.1x on the ReLU MLP (its arch entries were tuned on its own H and I); every entry
# B=5-8 or narrower.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
BF=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1 $o/c2 $o/c3
gpu_header
part() { # card dir shape bench-args tune-args...
  local c=$1 p=$2 s=$3 ba=$4; shift 4
  (
    export FLASHMLP_DEVICE=$c; unset FLASHMLP_TUNING_DIR; o=$o/$p; gpu_header; T start
    timeout -s INT -k 10 140 $b/flashmlp-tune --shape $s "$@" --batch 8 --uncovered \
      --total-budget 120 --out $o/tune.db > $o/tune.log 2>&1
    T tune
    FLASHMLP_TUNING_DIR=$(overlay $o/tune.db) RT=40 R overlay "" $ba --batch 8 --budget 0.1 \
      --reps 5 --weights f32,$BF
    T overlay; gpu_summary > $o/summary.txt
  ) &
}
part 0:0 c0 3584x18944 "--shapes qwen2.5-7b" --weights $BF
part 0:1 c1 2048x16384 "--shapes gemma-2b" --act gelu_tanh --weights $BF
[ "${NCARDS:-4}" -ge 4 ] || { wait; NOMORE=1; }
[ -n "$NOMORE" ] || part 0:2 c2 4096x14336 "--shapes llama3-8b --ops relu" --kind plain --act relu --weights $BF,bf16
[ -n "$NOMORE" ] || part 0:3 c3 8192x3584 "--shapes llama3-70b-tp8" --weights $BF
wait
for c in c0 c1 c2 c3; do [ -f $o/$c/times.txt ] || continue; echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt
  grep '^# B=\|^entry' $o/$c/tune.db | sed 's/generic (.*shipped/shipped/; s/ strategy=.*//'; done
