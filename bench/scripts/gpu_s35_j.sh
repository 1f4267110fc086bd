#!/bin/bash
# Thirty-fifth session, tenth call (H200), the session's last device minutes. The other shapes'
# 16-bit weights still take nvidia-sm_90.db's shape-less tiles at B = 65-128 and from 2049.
# Qwen2.5-7B, Gemma-2B, the 70B shard: fp32, f16, bf16 weights at B = 100 and 4096, shipped and
# overlay j (s35-j.db: Llama-3-8B's f16 B=2049- tile from 2049), one round each.
# Prediction, written before the call: shipped 16-bit weights at 0.9-1.2x of fp32 at 100 and
# 0.9-1.1x at 4096; j 1.0-1.2x past shipped at 4096.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
A="--budget 0.08 --reps 3"
OJ=$(overlay $S/s35-j.db)
SH=qwen2.5-7b,gemma-2b,llama3-70b-tp8
RT=100 R s-ship "" --shapes $SH $A --batch 100,4096 --weights f32,f16,bf16
T s-ship
FLASHMLP_TUNING_DIR=$OJ RT=100 R s-j "" --shapes $SH $A --batch 4096 --weights f32,f16,bf16
T s-j
gpu_summary
