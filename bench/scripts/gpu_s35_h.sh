#!/bin/bash
# Thirty-fifth session, eighth call (H200). s35-g: GPT-2's 16-bit weights at B = 129-2048 went
# from nvidia-sm_90.db's shape-less kt=16 hp=0 tile (0.49-0.84x of fp32 weights) to 1.05-1.07x
# ahead of fp32 on the 64x64 kt=32 hp=0 tile. Qwen2.5-7B's, Gemma-2B's and the 70B shard's 16-bit
# weights take the same shape-less tile there; GPT-2's block formats at 129-2048 sit at
# 0.84-1.06x of fp32 (s35-f) on a 64x64 kt=32 hp=1 tile.
# (1) GPT-2's block formats at 160, 300, 1024: shipped and overlay h (s35-h.db: the hp=0 tile
#     with iw=1), alternating twice.
# (2) Qwen2.5-7B, Gemma-2B, the 70B shard: fp32, f16, bf16 weights at 160 and 1024, shipped,
#     overlay i1 (s35-h-i1.db: the 64x64 kt=32 hp=0 tile) and i2 (s35-h-i2.db: Llama-3-8B's f16
#     B=513-2048 tile, hp=1), one round each.
# Prediction, written before the call: (1) h 1.1-1.3x past shipped at 160-300 (as f16's tile
#     did), 1.0-1.1x at 1024. (2) shipped 16-bit weights at 0.6-0.9x of fp32 at 160 and
#     0.8-1.0x at 1024; i1 1.1-1.5x past shipped; i2 within 10% of i1.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
A="--budget 0.08 --reps 3"
OH=$(overlay $S/s35-h.db) O1=$(overlay $S/s35-h-i1.db) O2=$(overlay $S/s35-h-i2.db)
W=f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
for rep in 1 2; do
  RT=60 R g-ship-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights $W
  FLASHMLP_TUNING_DIR=$OH RT=60 R g-h-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights $W
  T gpt2-$rep
done
SH=qwen2.5-7b,gemma-2b,llama3-70b-tp8
RT=130 R s-ship "" --shapes $SH $A --batch 160,1024 --weights f32,f16,bf16
T s-ship
FLASHMLP_TUNING_DIR=$O1 RT=130 R s-i1 "" --shapes $SH $A --batch 160,1024 --weights f32,f16,bf16
T s-i1
FLASHMLP_TUNING_DIR=$O2 RT=130 R s-i2 "" --shapes $SH $A --batch 160,1024 --weights f32,f16,bf16
T s-i2
gpu_summary
