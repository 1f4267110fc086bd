#!/bin/bash
# Thirty-sixth session, call i (H200): AFFINE_Q3's paired loads in mma's hp=1 iw=1 kernels (Q3P,
# built this session: eight fields a load, one word or two and a funnel shift, where fours took
# a word, a predicated crossing word and a shift each) against -DFMLP_Q3P=0 (fours), one build
# each, alternating twice; Llama-3-8B, fp32 x, B = 256, 600, 1024 on the shipped entries, with
# fp32 weights in the same process. affine_q3 is the one format below fp32 weights there (0.95x
# at 256, 0.97x at 600, `s36-a`, `-g`); affine_q4 (same kernels without crossing fields) ran
# 1.02-1.07x faster than it at every batch.
# Prediction: 1.02-1.06x at each batch, affine_q3 then 0.98-1.01x of fp32 weights at 256 and
# 600.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
for r in 1 2; do
  FLASHMLP_BUILD_OPTIONS=-DFMLP_Q3P=0 R fours-r$r "" --shapes llama3-8b --batch 256,600,1024 --weights affine_q3 --budget 0.1 --reps 5
  R pairs-r$r "" --shapes llama3-8b --batch 256,600,1024 --weights affine_q3$([ $r = 1 ] && echo ,f32) --budget 0.1 --reps 5
  T round$r
done
cat $o/times.txt
gpu_summary
