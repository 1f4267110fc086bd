#!/bin/bash
# Thirty-seventh session, fourth call (H200). s37-c: with the new fp32 tiles, the 16-bit and block
# formats on Qwen2.5-7B, Gemma-2B and the 70B shard fall below fp32 weights (fp32 x) at B = 80-256
# and 4096 (0.63-0.97x; shard 0.63-0.76x at 80-128), and f16/bf16 at Gemma's 48-64 (0.87x).
# Those cells take nvidia-h200.db's shape-less block-format entries (552-560: B=33-128, 129-512,
# 513-, none with hp) or sm_90's. Candidates as overrides, one process a shape and candidate,
# every format in it:
#   OH: the shipped entry with hp=1 added (keys alone merge onto each format's own entry)
#   A65: Llama's affine B=65-128 tile; F2: the 64-row block-format tile (s36); T3: s36's
#   769-2048 tile; TAi: Llama's block formats' B=513- tile (TA with iw=1)
# Prediction: each hp candidate 1.15-1.4x over the shipped tile where that has no hp; the best of
# them at or above fp32 weights' s37-c time in most cells (not the shard's 80-128, 0.63x now).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
OH="hp=1"
A65="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
TAi="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 order=0 dorder=0 iw=1 hp=1"
W="--weights f16,q8_0,q4_0,affine_q3,affine_q4 --budget 0.1 --reps 5"
export RT=150
for s in qwen2.5-7b gemma-2b llama3-70b-tp8; do
  n=${s%%[.-]*}; lo=80; [ $n = gemma ] && lo=48,64,80
  R old-$n "" --shapes $s --batch $lo,160,256,4096 $W --weights f32,f16,q8_0,q4_0,affine_q3,affine_q4
  R OH-$n "$OH" --shapes $s --batch $lo,160,256,4096 $W
  R A65-$n "$A65" --shapes $s --batch $lo $W
  R F2-$n "$F2" --shapes $s --batch $lo,160,256 $W
  R T3-$n "$T3" --shapes $s --batch 256,4096 $W
  R TAi-$n "$TAi" --shapes $s --batch 4096 $W
  T $n
done
cat $o/times.txt
gpu_summary
