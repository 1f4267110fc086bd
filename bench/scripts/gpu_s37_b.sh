#!/bin/bash
# Thirty-seventh session, second call (H200). s37-a found fp32 tiles with hp=1 (fp16 pairs)
# 1.15-1.33x faster than the shipped tiles without it on Llama ReLU (B=80-1024), Qwen (100-256),
# the 70B shard (100) and Gemma (160-256, old hp tile). The coverage report
# (flashmlp-tune --report-coverage, fp32 weights and x) lists the other cells that still take a
# tile without hp: Llama ReLU B=2049- (sm_90's shape-less ReLU tile), Qwen B=33-128 from 65
# (sm_90:137) and 4096 (sm_90:141), Gemma B=33-128 (sm_90:137) and 4096, the shard B=33-128
# (its own entries, no hp) and 4096. Candidates, as overrides against the shipped lookup, two rounds:
#   TA: sm_90:141 (the shape-less 2049- tile) with hp=1, Llama SwiGLU's own B=2049- entry
#   RA: sm_90's ReLU 2049- tile with hp=1; TB: Llama's B=129-2048 tile; S1: its B=65-128 tile
#   G1: sm_90:137 (the 33-128 tile) with hp=1; Q1: Qwen's B=33-64 hp tile
#   H1, H2: the shard's own B=33-64 and 65-128 tiles with hp=1
# Prediction: 1.15-1.35x for each hp candidate over the tile without hp in the same cell (the
# ratio s37-a measured); TB level with the shipped ReLU B=129-256 tile, which has hp (1.0-1.05x).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
TA="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 hp=1"
RA="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=256 dkt=16 dwm=2 dwn=4 splits=2 order=1 hp=1"
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
S1="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 order=0 dorder=0 iw=0 hp=1"
G1="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 hp=1"
Q1="strategy=mma mt=64 nt=32 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=0 dorder=0 iw=0 hp=1"
H1="strategy=mma mt=64 nt=32 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=1 dwn=4 splits=4 order=1 dorder=1 hp=1"
H2="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=4 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=1 order=0 dorder=0 iw=0 hp=1"
a="--weights f32 --budget 0.1 --reps 5"
for r in 1 2; do
  R old-relu-r$r "" --shapes llama3-8b --ops relu --batch 160,256,2048,4096 $a
  R TB-relu-r$r "$TB" --shapes llama3-8b --ops relu --batch 160,256,2048 $a
  R TA-relu-r$r "$TA" --shapes llama3-8b --ops relu --batch 4096 $a
  R RA-relu-r$r "$RA" --shapes llama3-8b --ops relu --batch 2048,4096 $a
  R old-qwen-r$r "" --shapes qwen2.5-7b --batch 80,128,4096 $a
  R S1-qwen-r$r "$S1" --shapes qwen2.5-7b --batch 80,128 $a
  R TA-qwen-r$r "$TA" --shapes qwen2.5-7b --batch 4096 $a
  R old-gemma-r$r "" --shapes gemma-2b --batch 48,64,80,128,4096 $a
  R G1-gemma-r$r "$G1" --shapes gemma-2b --batch 48,64,80,128 $a
  R Q1-gemma-r$r "$Q1" --shapes gemma-2b --batch 48,64 $a
  R S1-gemma-r$r "$S1" --shapes gemma-2b --batch 80,128 $a
  R TA-gemma-r$r "$TA" --shapes gemma-2b --batch 4096 $a
  R old-shard-r$r "" --shapes llama3-70b-tp8 --batch 48,64,80,128,4096 $a
  R H1-shard-r$r "$H1" --shapes llama3-70b-tp8 --batch 48,64 $a
  R H2-shard-r$r "$H2" --shapes llama3-70b-tp8 --batch 80,128 $a
  R S1-shard-r$r "$S1" --shapes llama3-70b-tp8 --batch 80,128 $a
  R TA-shard-r$r "$TA" --shapes llama3-70b-tp8 --batch 4096 $a
  T round$r
done
cat $o/times.txt
gpu_summary
