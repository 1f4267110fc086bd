#!/bin/bash
# Twenty-sixth session, call 8 (H200): two k-tiles' loads in flight in the hp gate/up kernel
# (HP_LA=2 through FLASHMLP_BUILD_OPTIONS; the k-loop unrolled by two so that each tile's
# registers are refilled with the loads of the tile two ahead) against the shipped HP_LA=1, same
# build, shipped entries, one round each.
# Prediction (written before the call): 1.03-1.10x at B = 128-256 for the iw formats (their
# gate/up waits on loads: s26-ko), 1.00-1.05x for f32 and f16; slower where the extra registers
# cost a work-group a compute unit.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
L="--shapes llama3-8b --batch 128,256 --weights f32,f16,q4_0,affine_q3"
RT=80
R la1 "" $L
FLASHMLP_BUILD_OPTIONS=-DHP_LA=2 R la2 "" $L
gpu_summary
