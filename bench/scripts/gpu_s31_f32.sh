#!/bin/bash
# Thirty-first session, call 5 (H200, the session's last device minutes): fp32 weights with f16 x on
# Qwen2.5-7B, Gemma-2B and the 70B shard at B = 128 and 256, the shipped file (Qwen and Gemma at
# 128, Gemma at 256: the arch file's 3xTF32 tiles) against s31-f.db (Llama-3-8B's f16-x fp32
# tiles, hp=1).
# Prediction (written before the call): Qwen 2654-2700 -> 1300-1500 us at 256 (Llama's tile runs
# 1148 for 0.90x Qwen's FLOPs), Gemma 1143-1165 -> 650-750; at 128 1.3-1.8x; the shard level.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
k=$(mktemp -d); cp bench/scripts/s31-f.db $k/
S="--shapes qwen2.5-7b,gemma-2b,llama3-70b-tp8 --batch 128,256 --budget 0.1 --acts f16 --weights f32"
RT=70 R old "" $S
FLASHMLP_TUNING_DIR=$k RT=70 R f "" $S
gpu_summary
