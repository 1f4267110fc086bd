#!/bin/bash
# Thirty-first session, call 2 (H200): where fw=1 pays, after gpu_s31_fw.sh (call 1) found it
# 1.02-1.09x on the 128x112 kt=16 gate/up tile (q4_0 at 128: 595.7 -> 545.5 us, gate/up 364.6 ->
# 312.7) but 0.82-0.90x on the 64x112 kt=32 tile (q4_0 at 256: 1134.6 -> 1285.4), and slower with
# fp32 x everywhere (a third product a step). Rounds, Llama-3-8B f16 x at B = 128-1024, fp32
# weights beside in each: the shipped file; s31-a.db (all six on q4_0's 65-128 tile with fw=1,
# splits 4 / 2; B>=513 the shipped tile with fw=1); s31-b.db (65-128 the shipped tiles with fw=1,
# 129-512 q4_0's tile splits=4, B>=513 q4_0's tile splits=2). Then the other four shapes at
# B=256: shipped and s31-c.db (their shipped entries with fw=1).
# Prediction (written before the call): at 128 a and b within 2% of call 1's fw rows; at 256 the
# 128x112 fw tile brings q4_0/affine_q2/affine_q4 to 1.00-1.05x of their shipped 64x112 entries
# (q4_0 ~1090-1130 us) and q8_0/affine_q3/affine_q8 level (1140-1280); at 512 the same; at 1024
# fw=1 1.02-1.08x; Qwen and Gemma (128x112 kt=16 tiles) 1.02-1.08x with fw, GPT-2 and the 70B
# shard (kt=32 tiles, 64 or 128 rows by 64) level or slower, as Llama's kt=32 tile was.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
W=f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
A="--shapes llama3-8b --batch 128,256,512,1024 --budget 0.1 --acts f16 --weights $W"
k1=$(mktemp -d); cp bench/scripts/s31-a.db $k1/
k2=$(mktemp -d); cp bench/scripts/s31-b.db $k2/
k3=$(mktemp -d); cp bench/scripts/s31-c.db $k3/
RT=150 R old "" $A; T old
FLASHMLP_TUNING_DIR=$k1 RT=150 R a "" $A; T a
FLASHMLP_TUNING_DIR=$k2 RT=150 R b "" $A; T b
S="--shapes qwen2.5-7b,gemma-2b,gpt2,llama3-70b-tp8 --batch 256 --budget 0.1 --acts f16 --weights $W"
RT=100 R sold "" $S; T sold
FLASHMLP_TUNING_DIR=$k3 RT=100 R sfw "" $S; T sfw
gpu_summary
