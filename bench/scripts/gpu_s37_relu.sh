#!/bin/bash
# Prepared in the thirty-sixth session, not yet run (H200). plot.py's per-row check flags the
# Llama-3-8B ReLU MLP at B=128 (5.69 us a row against 5.11 at 64) and B=512 (5.04 against 4.60 at
# 256) in s36-g. Their entries: B=65-128 a tile without hp (3xTF32, nvidia-h200.db: "B=65-128 ...
# order=1 ... iw=0", the tenth session's) and B=257-2048 nvidia-sm_90.db's shape-less ReLU tiles
# without hp, the pattern s36-b found at SwiGLU's B=1024.
# Candidates against the shipped entries, as overrides, two rounds, B = 80, 128, 300, 512, 1024:
#   R1: the shipped 65-128 tile with hp=1 (at 80 and 128)
#   S1: SwiGLU's B=65-128 tile (mt=64 nt=56 wm=4 wn=1, dmt=128 dnt=128, splits=4, hp=1)
#   TB: SwiGLU's B=129-512 tile, now also its 513-2048 one (splits=2 na=2 hp=1)
#   R2: the shipped B=129-256 ReLU tile (mt=128 nt=128 wm=2 wn=4, dmt=64 dnt=128, hp=1)
# Prediction (to be revised before the call): hp=1 tiles 1.15-1.35x over the shipped entries at
# 128 and 512-1024 (SwiGLU's B=1024 gained 1.31x from the same change); level at 80 and 300.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
R1="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=0 dorder=0 iw=0 hp=1"
S1="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 order=0 dorder=0 iw=0 hp=1"
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
R2="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1 hp=1"
for r in 1 2; do
  R old-r$r "" --shapes llama3-8b --ops relu --batch 80,128,300,512,1024 --weights f32 --budget 0.1 --reps 5
  R R1-r$r "$R1" --shapes llama3-8b --ops relu --batch 80,128 --weights f32 --budget 0.1 --reps 5
  R S1-r$r "$S1" --shapes llama3-8b --ops relu --batch 80,128 --weights f32 --budget 0.1 --reps 5
  R TB-r$r "$TB" --shapes llama3-8b --ops relu --batch 128,300,512,1024 --weights f32 --budget 0.1 --reps 5
  R R2-r$r "$R2" --shapes llama3-8b --ops relu --batch 300,512,1024 --weights f32 --budget 0.1 --reps 5
  T round$r
done
cat $o/times.txt
gpu_summary
