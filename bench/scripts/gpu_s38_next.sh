#!/bin/bash
# Prepared in the thirty-seventh session for the next call (H200), not yet run; ~150 s of card
# time. Revise the prediction before the call.
# 1. s37-h's entries through the file (they were measured as overrides only): Qwen2.5-7B's
#    q8_0/q4_0/affine_q3/affine_q4 at 48/64 (G: 473-519 us), Gemma-2B's q8_0/q4_0 at 80/128 (G:
#    444-454), beside fp32 weights.
# 2. Cells left below fp32 weights, or not measured, after the thirty-seventh session, with
#    candidates as overrides against the shipped lookup:
#    - Qwen fp32 weights at 48/64 on G (the block formats' new tile, 1.3x faster than fp32's Q1
#      there), and affine_q2/affine_q8 at 48/64 on G (they kept shape-less tiles without hp);
#    - f16/bf16 weights on Qwen 48/64 (sm_90's tile without hp, 0.92-0.95x of fp32 weights) and
#      Gemma 48 (F2, 0.93-0.95x): F2, G with iw=0;
#    - the shard's f16/bf16 at 80/128 (A65, 0.89-0.95x): H2 (its fp32 tile, iw=0), G.
# Prediction (revised before s38-a: unchanged): 1 within 3% of s37-h; Qwen fp32 on G 1.1-1.3x at 48/64 (and then
# the block formats level with it, not ahead); f16/bf16 on G or F2 1.05-1.2x where they now take
# sm_90's tile, level on Gemma 48; the shard's f16/bf16 on H2 1.05-1.15x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
G0="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
H2="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=4 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=1 order=0 dorder=0 iw=0 hp=1"
a="--budget 0.1 --reps 5"
R file-qwen "" --shapes qwen2.5-7b --batch 48,64 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 $a
R file-gemma "" --shapes gemma-2b --batch 48,80,128 --weights f32,f16,bf16,q8_0,q4_0 $a
R file-shard "" --shapes llama3-70b-tp8 --batch 80,128 --weights f32,f16,bf16 $a
T file
R G-qwen "$G" --shapes qwen2.5-7b --batch 48,64 --weights f32,affine_q2,affine_q8 $a
R G0-qwen "$G0" --shapes qwen2.5-7b --batch 48,64 --weights f16,bf16 $a
R F2-qwen "$F2" --shapes qwen2.5-7b --batch 48,64 --weights f16,bf16 $a
R G0-gemma "$G0" --shapes gemma-2b --batch 48 --weights f16,bf16 $a
R H2-shard "$H2" --shapes llama3-70b-tp8 --batch 80,128 --weights f16,bf16 $a
R G0-shard "$G0" --shapes llama3-70b-tp8 --batch 80,128 --weights f16,bf16 $a
T candidates
cat $o/times.txt
gpu_summary
