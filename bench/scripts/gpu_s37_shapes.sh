#!/bin/bash
# Thirty-seventh session (H200). fp32 entries of the other issue-3 shapes that hold tiles without
# hp (3xTF32) or from before the twenty-fourth session's hp tiles: Qwen2.5-7B B=129-256 (no hp;
# B=65-128 falls to a shape-less entry), the Llama-3-70B shard B=33-64 and 65-128 (no hp), and
# Gemma-2B B=129-256 (the old hp tile; s36 moved only 257-2048 to TB).
# Candidates as overrides against the shipped lookup, two rounds:
#   S1: Llama SwiGLU's B=65-128 tile; TB: its B=129-2048 tile; M1: Llama's B=33-64 tile.
# Prediction: TB 1.15-1.35x over the no-hp entries at B=160-256 (Qwen) and 1.0-1.1x over
# Gemma's old hp tile; S1 1.1-1.3x over the shard's B=65-128; M1 1.1-1.3x over the shard's 33-64.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
S1="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 order=0 dorder=0 iw=0 hp=1"
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
M1="strategy=mma mt=64 nt=128 kt=16 wm=1 wn=8 dmt=32 dnt=128 dkt=32 dwm=2 dwn=2 splits=4 order=0 dorder=0 iw=0 na=1 hp=1"
a="--weights f32 --budget 0.1 --reps 5"
for r in 1 2; do
  R old-qwen-r$r "" --shapes qwen2.5-7b --batch 100,160,256 $a
  R S1-qwen-r$r "$S1" --shapes qwen2.5-7b --batch 100 $a
  R TB-qwen-r$r "$TB" --shapes qwen2.5-7b --batch 100,160,256 $a
  R old-shard-r$r "" --shapes llama3-70b-tp8 --batch 48,100 $a
  R M1-shard-r$r "$M1" --shapes llama3-70b-tp8 --batch 48 $a
  R S1-shard-r$r "$S1" --shapes llama3-70b-tp8 --batch 100 $a
  R TB-shard-r$r "$TB" --shapes llama3-70b-tp8 --batch 100 $a
  R old-gemma-r$r "" --shapes gemma-2b --batch 160,256 $a
  R TB-gemma-r$r "$TB" --shapes gemma-2b --batch 160,256 $a
  T round$r
done
cat $o/times.txt
gpu_summary
