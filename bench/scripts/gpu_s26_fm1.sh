#!/bin/bash
# Twenty-sixth session, call 6 (H200): is HP_SCE a loss wherever a warp has one fragment row?
# (s26-q8: q8_0's mt64 wm4 tile 7-10% slower with it; q4_0's mt128 wm4 tile level.) The B=65-128
# entries of the block formats are such tiles (mt64 nt112/nt56 wm4, down dmt64 dwm4): the HP_SCE
# build against -DHP_SCE=0 at B=128, two rounds alternating.
# Prediction (written before the call): HP_SCE=0 1.00-1.05x faster on those cells; if so the
# early reads become the rule for two or more fragment rows only.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
L="--shapes llama3-8b --batch 128 --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=100
for r in 1 2; do
  R sce1-$r "" $L
  FLASHMLP_BUILD_OPTIONS=-DHP_SCE=0 R sce0-$r "" $L
done
gpu_summary
