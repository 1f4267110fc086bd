#!/bin/bash
# Twenty-ninth session, call 2 (H200): s29-tune's tiles as 16-bit activations' entries
# (bench/scripts/s29-acts16.db: fp32 weights at B = 65-128 and 129-512; f16/bf16 and the block
# formats at B = 25-64 on the two mmav tiles tuned at 48; every exact format but fp32 at
# B >= 513 on the s28 tile) through the real lookup, as a user overlay, against the shipped
# nvidia-h200.db, one round. Also fp32 weights with fp32 x on the two new fp32 tiles
# (overrides) against their shipped entry at 128 and 256, since that entry is the same one.
# Prediction (written before the call): fp32 weights with f16/bf16 x 1.35-1.55x at 128,
# 1.1-1.4x at 80, 1.05-1.10x at 256, 1.0-1.1x at 512; B = 32-64 1.05-1.15x for the block
# formats, 1.3-1.5x for f16/bf16; B = 2048-4096 1.15-1.35x (s29-tune: 1.17-1.75x at 1024,
# 1.19-1.29x at 4096); fp32 x on the new tiles 0.95-1.10x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
ov=$(mktemp -d); cp bench/scripts/s29-acts16.db $ov/
R old-f32 "" --shapes llama3-8b --batch 80,128,256,512 --weights f32 --acts f16,bf16 --budget 0.15
FLASHMLP_TUNING_DIR=$ov R new-f32 "" --shapes llama3-8b --batch 80,128,256,512 --weights f32 --acts f16,bf16 --budget 0.15
F="strategy=mma mt=64 nt=112 kt=16 wm=4 wn=2 dkt=16 dwm=4 dwn=2 order=0 dorder=0 iw=0 hp=1 se=0"
R x32-entry "" --shapes llama3-8b --batch 128,256 --weights f32 --budget 0.15
R x32-t128 "$F dmt=64 dnt=128 splits=4 na=1" --shapes llama3-8b --batch 128,256 --weights f32 --budget 0.15
R x32-t256 "$F dmt=128 dnt=128 splits=2 na=0" --shapes llama3-8b --batch 128,256 --weights f32 --budget 0.15
for w in f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  R old-$w "" --shapes llama3-8b --batch 32,40,64 --weights $w --acts f16 --budget 0.15
  FLASHMLP_TUNING_DIR=$ov R new-$w "" --shapes llama3-8b --batch 32,40,64 --weights $w --acts f16 --budget 0.15
done
for w in bf16 q8_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  RT=50 R oldk-$w "" --shapes llama3-8b --batch 2048,4096 --weights $w --acts f16 --budget 0.05 --reps 3
  FLASHMLP_TUNING_DIR=$ov RT=50 R newk-$w "" --shapes llama3-8b --batch 2048,4096 --weights $w --acts f16 --budget 0.05 --reps 3
done
for w in f16 q4_0; do
  R oldbf-$w "" --shapes llama3-8b --batch 1024 --weights $w --acts bf16 --budget 0.1
  FLASHMLP_TUNING_DIR=$ov R newbf-$w "" --shapes llama3-8b --batch 1024 --weights $w --acts bf16 --budget 0.1
done
gpu_summary
