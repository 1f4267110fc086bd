#!/bin/bash
# Thirty-seventh session, eighth call (H200), the file of s37-g. Block formats (fp32 x) still
# below fp32 weights after this session's entries: Qwen2.5-7B at B=48-64 (0.95-0.99x, their
# shape-less tiles; hp=1 on those measured level in s37-e), Gemma-2B at 80 (q4_0 0.96x, affine_q3
# 0.99x), the 70B shard's affine formats at 65-128 (0.89-0.96x on H2i). Candidates, overrides
# against the shipped lookup, one round, q8_0/q4_0/affine_q3/affine_q4:
#   Q1i: Qwen's fp32 B=33-64 tile (Gemma's fp32 33-128 entry) with iw=1
#   G: GPT-2's 16-split tile (32-column tiles, iw=1)
#   H2s: the shard's H2i with splits=2
# Prediction: Q1i 1.05-1.15x over the shipped tiles at Qwen 48/64 and Gemma 80/128 (the tile gave
# fp32 weights 1.4x there); G level to 1.1x; H2s level to 1.05x on the shard.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
Q1i="strategy=mma mt=64 nt=32 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=0 dorder=0 iw=1 hp=1"
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
H2s="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=4 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 order=0 dorder=0 iw=1 hp=1"
a="--weights q8_0,q4_0,affine_q3,affine_q4 --budget 0.1 --reps 5"
R old-qwen "" --shapes qwen2.5-7b --batch 48,64 $a --weights f32,q8_0,q4_0,affine_q3,affine_q4
R Q1i-qwen "$Q1i" --shapes qwen2.5-7b --batch 48,64 $a
R G-qwen "$G" --shapes qwen2.5-7b --batch 48,64 $a
R old-gemma "" --shapes gemma-2b --batch 80,128 $a --weights f32,q8_0,q4_0,affine_q3,affine_q4
R Q1i-gemma "$Q1i" --shapes gemma-2b --batch 80,128 $a
R G-gemma "$G" --shapes gemma-2b --batch 80,128 $a
R old-shard "" --shapes llama3-70b-tp8 --batch 80,128 $a --weights f32,q8_0,q4_0,affine_q3,affine_q4
R H2s-shard "$H2s" --shapes llama3-70b-tp8 --batch 80,128 $a
R Q1i-shard "$Q1i" --shapes llama3-70b-tp8 --batch 80,128 $a
T end
cat $o/times.txt
gpu_summary
