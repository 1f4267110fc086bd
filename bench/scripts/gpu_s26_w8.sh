#!/bin/bash
# Twenty-sixth session, call 2 (H200): the iw hp kernels' flush operands read early as float2
# pairs (HP_SCE, ed24eed) and their weights staged in pairs of vectors (HP_W8: one scale load a
# pair and, for most formats, one load of fields). Old build ($bo, 220722b: before both), new
# build with -DHP_W8=0 (HP_SCE alone) and the new build as shipped; shipped entries, Llama-3-8B,
# two rounds of old and new.
# Prediction (written before the call): HP_SCE alone 1.03-1.08x for the iw formats at B=256
# (the knock-outs put 7.5-11% in the flush; about half of it the scale reads), f32 1.00-1.02x;
# HP_W8 a further 1.05-1.12x at B=256 (the weight loads were 17-27% of gate/up), affine_q3
# most; at B=64 half of that. affine_q3 at B=256 level with fp32 or ahead.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
L="--shapes llama3-8b --batch 64,256 --weights f32,q4_0,affine_q3,affine_q4,affine_q8"
RT=150
b=$bo R old1 "" $L
R new1 "" $L
FLASHMLP_BUILD_OPTIONS=-DHP_W8=0 R sce1 "" $L
b=$bo R old2 "" $L
R new2 "" $L
gpu_summary
