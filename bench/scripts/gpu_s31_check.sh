#!/bin/bash
# Thirty-first session, call 3 (H200): (1) Llama-3-8B's new f16-x block entries (fw=1 on q4_0's
# B=65-128 tile, tuning/nvidia-h200.db's thirty-first-session section) through the real lookup at
# B = 80-1024, fp32 weights beside; (2) Gemma-2B, GPT-2 and the 70B shard at B=256: the shipped
# entries, then s31-c.db (the same with fw=1); (3) Qwen2.5-7B at 256 on Llama's new tile (s31-d.db;
# its shipped rows and fw rows were measured in s31-tiles); (4) profiles of q4_0 and affine_q3 at
# 256 through the lookup.
# Prediction (written before the call): (1) within 2% of s31-tiles' rounds a/b at 128-1024 (q4_0
# 548 / 1084 / 2135 / 4279 us), at 80 q4_0 ~520-540 against fp32 weights' ~565 and affine_q3
# 0.95-0.98x of fp32; (2) Gemma 1.02-1.08x with fw (its tiles are 128x112 kt=16), GPT-2 and the
# 70B shard (kt=32 tiles) level or slower with fw; (3) Qwen 1.05-1.12x over its shipped rows
# (1465-1611 us); (4) affine_q3's gate/up and down both above q4_0's.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T() { echo "$(date +%s) $1" >> $o/times.txt; }
T start
W6=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
k3=$(mktemp -d); cp bench/scripts/s31-c.db $k3/
k4=$(mktemp -d); cp bench/scripts/s31-d.db $k4/
RT=170 R llama "" --shapes llama3-8b --batch 80,128,256,512,1024 --budget 0.1 --acts f16 --weights f32,$W6; T llama
S="--shapes gemma-2b,gpt2,llama3-70b-tp8 --batch 256 --budget 0.1 --acts f16"
RT=110 R sold "" $S --weights f32,$W6; T sold
FLASHMLP_TUNING_DIR=$k3 RT=100 R sfw "" $S --weights $W6; T sfw
FLASHMLP_TUNING_DIR=$k4 RT=90 R qwen "" --shapes qwen2.5-7b --batch 256 --budget 0.1 --acts f16 --weights $W6; T qwen
for w in q4_0 affine_q3; do
  timeout 30 $b/flashmlp run --batch 256 --weights $w --acts f16 --reps 5 --profile > $o/prof-$w.txt 2>&1
done
T prof
gpu_summary
grep -h -E "fmlp_mma" $o/prof-*.txt
