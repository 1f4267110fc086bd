#!/bin/bash
# Twenty-ninth session, call 3 (H200): with its new entries (s29-check) fp32 weights with f16 x
# take 627 / 662 / 1292 us at B = 80 / 128 / 256, ahead of every other format with f16 x at 128
# (s28-final: q4_0 753, f16 793) and of most at 256 (q4_0 1352, affine_q3 1472): issue 5's "no
# format slower than fp32" fails there now. The two fp32 tiles (t128: mt=64 nt=112 kt=16
# dmt=64 splits=4 na=1 se=0; t256: mt=64 nt=112 kt=16 dmt=128 splits=2 na=0 se=0) as overrides
# against each format's shipped entry, f16 x, B = 80, 128, 256, one round; and fp32 weights
# with f16 x on them at B = 48 and 1024 (shipped: fp32-x tiles).
# Prediction (written before the call): 0.90-1.15x for the other formats at 80-128 and
# 0.95-1.05x at 256; fp32 weights 1.1-1.4x at 48 and 1.0-1.2x at 1024.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
F="strategy=mma mt=64 nt=112 kt=16 wm=4 wn=2 dkt=16 dwm=4 dwn=2 order=0 dorder=0 hp=1 se=0"
T1="$F dmt=64 dnt=128 splits=4 na=1"
T2="$F dmt=128 dnt=128 splits=2 na=0"
for w in f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  case $w in f16|bf16) iw=0 ;; *) iw=1 ;; esac
  R e-$w "" --shapes llama3-8b --batch 80,128,256 --weights $w --acts f16 --budget 0.15
  R t1-$w "$T1 iw=$iw" --shapes llama3-8b --batch 80,128,256 --weights $w --acts f16 --budget 0.15
  R t2-$w "$T2 iw=$iw" --shapes llama3-8b --batch 80,128,256 --weights $w --acts f16 --budget 0.15
done
R e-f32 "" --shapes llama3-8b --batch 48,80,128,256,1024 --weights f32 --acts f16 --budget 0.15
R t1-f32 "$T1 iw=0" --shapes llama3-8b --batch 48,1024 --weights f32 --acts f16 --budget 0.15
R t2-f32 "$T2 iw=0" --shapes llama3-8b --batch 48,1024 --weights f32 --acts f16 --budget 0.15
gpu_summary
