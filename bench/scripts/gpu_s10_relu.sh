#!/bin/bash
# Tenth session, fourth call: the ReLU MLP (fp32) at B=32-256, whose H200 entries predate the
# sixth session's split (45-52% of the floor at B=32-128, 0.63x cuBLAS at 64-128 in the
# record), tuned with SwiGLU's tiles among the tries; then SwiGLU B=128 tuned longer (0.99x
# cuBLAS in the record). flashmlp-bench with and without the overlay, PyTorch in the call.
# $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
export FLASHMLP_TUNING_DIR=$o/ovl; mkdir -p $o/ovl
timeout 200 $b/flashmlp-tune --kind plain --act relu --weights f32 --batch 32,64,128,256 \
  --strategies mma --total-budget 170 \
  --try "strategy=mma mt=32 nt=64 kt=32 wm=1 wn=4 dmt=32 dnt=128 dkt=32 dwm=1 dwn=4 splits=8 dorder=1" \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=4" \
  --try "strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 dorder=1" \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=1 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2" \
  --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2" \
  --out $o/ovl/s10-relu.db > $o/tune-relu.log 2>&1
timeout 110 $b/flashmlp-tune --weights f32 --batch 128 --strategies mma --total-budget 90 \
  --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 dorder=1" \
  --try "strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 dorder=1" \
  --out $o/ovl/s10-swiglu-b128.db > $o/tune-b128.log 2>&1
bench() { # bench <tag>
  timeout 100 $b/flashmlp-bench --shapes llama3-8b --ops relu,swiglu --batch 32,64,128,256 \
    --weights f32 --impl flashmlp --reps 10 --budget 0.4 --csv $o/bench-$1.csv --no-plot \
    > $o/bench-$1.log 2>&1; }
bench overlay
FLASHMLP_TUNING_DIR=$o/none bench shipped
timeout 100 python3 bench/torch_bench.py --ref-csv $o/bench-overlay.csv --csv $o/torch.csv --reps 10 \
  --budget 0.4 > $o/torch.log 2>&1
cat $o/gpu.txt
grep -h -A6 'tuned ms' $o/tune-relu.log $o/tune-b128.log | grep -v "^$\|^baselines" | cut -c1-240
for t in overlay shipped; do echo "== $t"; grep -E "^llama3-8b +(relu|swiglu) +[0-9]+ flashmlp" $o/bench-$t.log | awk '{print $2, $3, $7}'; done
echo "== torch"; grep -v "^#" $o/torch.csv | cut -d, -f1-9 | head -12
