#!/bin/bash
# Thirty-first session, call 4 (H200): (1) Llama-3-8B's block formats with f16 x at B = 17-32, where
# they take fp32 x's mmav entries (s29: 0.81-0.88x of fp32 weights at 32): the shipped file, then
# s31-e.db (their B = 33-64 f16-x mmav entries), fp32 weights beside; (2) Gemma-2B and Qwen2.5-7B
# at 256 through the lookup with the session's new entries (fw=1), fp32 weights beside.
# Prediction (written before the call): (1) 1.05-1.20x at 24-32, level to 1.05x at 17, so every
# block format at or ahead of fp32 weights at 32; (2) within 2% of s31-check's overlay rows
# (Gemma 884-1016, Qwen 1303-1459 us).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
W6=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
k5=$(mktemp -d); cp bench/scripts/s31-e.db $k5/
A="--shapes llama3-8b --batch 17,24,32 --budget 0.1 --acts f16"
RT=120 R b32old "" $A --weights f32,$W6; T old
FLASHMLP_TUNING_DIR=$k5 RT=110 R b32e "" $A --weights $W6; T e
RT=150 R shapes "" --shapes gemma-2b,qwen2.5-7b --batch 256 --budget 0.1 --acts f16 --weights $W6,f32; T shapes
gpu_summary
