#!/bin/bash
# Thirty-second session, seventh call (H200): the other shapes at B=1024 with 16-bit x, shipped
# file against the overlay s32-big.db (each shape's B = 129-512 f16-x and bf16-x entries, fp32
# weights' included, extended to B >= 513). s32-f: their block formats 0.59-0.90x of fp32
# weights at 1024, where no 16-bit-x entry of their own applies.
# Prediction: on the overlay the block formats 1.5-2.5x faster than shipped and at or above fp32
# weights (1.0-1.6x; fp32 weights themselves 1.0-1.3x faster where their tile is copied).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --budget 0.08 --reps 3 --batch 1024"
W="f32,q8_0,q4_0,affine_q3"
n=$(overlay bench/scripts/s32-big.db)
RT=110 R f16-old "" $S --acts f16 --weights $W; T f16-old
FLASHMLP_TUNING_DIR=$n RT=110 R f16-big "" $S --acts f16 --weights $W; T f16-big
RT=110 R bf16-old "" $S --acts bf16 --weights $W; T bf16-old
FLASHMLP_TUNING_DIR=$n RT=110 R bf16-big "" $S --acts bf16 --weights $W; T bf16-big
gpu_summary
