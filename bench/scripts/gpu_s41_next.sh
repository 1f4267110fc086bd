#!/bin/bash
# Prepared in the fortieth session for the next call (one H200, ~400 s), not yet run. Revise the
# prediction before the call.
# The Llama-3-8B ReLU MLP's decode batches: its eight other formats at B = 1-32 and fp32 at 3-4 run
# the sm_90 arch file's shape-less entries (bench/results/2026-11-29-coverage-after-s40/
# 4096x14336-relu.txt), measured on SwiGLU shapes only. s40-j's tune of fp32 at B=16 on such an
# entry gained 1.15x.
# 1. Every format at B = 1, 2, 4, 8, 16, 32 through the file, the ReLU MLP and SwiGLU side by side
#    (flashmlp-bench's % of floor tells whether the ReLU cells lag SwiGLU's), and s40-j's B=9-16
#    entry through the file (fp32 at 16).
# 2. flashmlp-tune --uncovered over the ReLU MLP's cells at B = 1, 4, 16, 32 in the formats the
#    survey shows furthest behind SwiGLU's % of floor (edit W below after looking), 300 s in all.
# Prediction (to be revised): 1. the ReLU MLP's formats 0.05-0.15 lower in % of floor than
# SwiGLU's at B = 4-32, level at B = 1-2; fp32 at 16 about 130 us; 2. 1.05-1.20x on the cells tuned.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
A="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
R small "" --shapes llama3-8b --ops relu,swiglu --batch 1,2,4,8,16,32 --budget 0.1 --reps 5 --weights $A
T survey
W=${W:-f16,q4_0,affine_q3}
timeout -s INT -k 20 330 $b/flashmlp-tune --shape 4096x14336 --kind plain --act relu --weights $W \
  --batch 1,4,16,32 --uncovered --total-budget 300 --out $o/relu-small.db > $o/relu-small.log 2>&1
T end
gpu_summary > $o/summary.txt
cat $o/times.txt
grep -v "^NVIDIA" $o/summary.txt
grep '^# B=\|^entry' $o/relu-small.db
