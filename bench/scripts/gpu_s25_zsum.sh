#!/bin/bash
# Twenty-fifth session, call 5 (H200). In s25-record the affine formats (fractional zero points:
# the bench's quantizer) were the cells still behind fp32 (affine_q3 0.91-0.99x at 64-512 and
# 0.93x at 4096; affine_q2/q4/q8 0.96-0.99x at 128-256). Their hp kernels summed each x (h) row
# over a k16 step with two more f16 mma against ones per row fragment (8 of 72 mma a k-tile
# for a 2-fragment warp); now the sums come from fp32 adds and a group sum (shuffles) as x is
# staged, and the flush reads them from local memory. Old build ($bo, 10e06db) against new,
# shipped entries, f32 alongside, one round.
# Prediction: affine formats 1.03-1.10x faster, f32 unchanged; affine_q2/q4/q8 at or ahead of
# fp32 everywhere, affine_q3 still behind at 256 and 4096.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
L="--shapes llama3-8b --batch 64,128,256,512,4096 --weights f32,affine_q2,affine_q3,affine_q4,affine_q8"
RT=150
b=$bo R old "" $L
R new "" $L
gpu_summary
