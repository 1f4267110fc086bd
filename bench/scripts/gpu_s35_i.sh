#!/bin/bash
# Thirty-fifth session, ninth call (H200). s35-h: 16-bit weights of Qwen2.5-7B, Gemma-2B and the
# 70B shard at B = 160 / 1024 (one round): overlay i1 (64x64 kt=32 hp=0) 1.20x / 1.12x (Qwen),
# 1.46x / 1.06x (Gemma), 1.09x / 1.01x (shard) past shipped; overlay i2 (Llama-3-8B's f16 tile,
# hp=1) 0.68-0.77x / 1.33-1.38x (Qwen, Gemma), 1.40x / 1.28-1.35x (shard). Where the two cross:
# the same three configurations at B = 300 and 600, one round each.
# Prediction, written before the call: Qwen and Gemma: i1 ahead at 300, i2 at 600; the shard: i2
# ahead at both.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
A="--budget 0.08 --reps 3"
O1=$(overlay $S/s35-h-i1.db) O2=$(overlay $S/s35-h-i2.db)
SH=qwen2.5-7b,gemma-2b,llama3-70b-tp8
RT=100 R s-ship "" --shapes $SH $A --batch 300,600 --weights f32,f16,bf16
T s-ship
FLASHMLP_TUNING_DIR=$O1 RT=100 R s-i1 "" --shapes $SH $A --batch 300,600 --weights f32,f16,bf16
T s-i1
FLASHMLP_TUNING_DIR=$O2 RT=100 R s-i2 "" --shapes $SH $A --batch 300,600 --weights f32,f16,bf16
T s-i2
gpu_summary
