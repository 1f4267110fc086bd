#!/bin/bash
# Thirty-second session, eighth call (H200): Gemma-2B with f16 x at B = 512 and 1024, where its
# block formats stay below fp32 weights on its B = 129- entries (s32-f, -g: q8_0 and q4_0 0.97-
# 0.99x, affine_q3 0.88-0.89x). Candidates (overlays): g1 its tile with fw=0; g2 Llama-3-8B's
# f16-x down tile (dmt=128 dkt=32 na=2) with fw=1; g3 the same with fw=0.
# Prediction: g2 1.03-1.10x over the shipped entries (the down tile won 1.05-1.12x for Llama's
# bf16 x), g1 and g3 0.95-1.02x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S="--shapes gemma-2b --budget 0.08 --reps 3 --batch 512,1024 --acts f16"
RT=70 R g-old "" $S --weights f32,q8_0,q4_0,affine_q3; T g-old
for c in 1 2 3; do
  n=$(overlay bench/scripts/s32-g$c.db)
  FLASHMLP_TUNING_DIR=$n RT=60 R g-c$c "" $S --weights q8_0,q4_0,affine_q3; T g-c$c
done
gpu_summary
