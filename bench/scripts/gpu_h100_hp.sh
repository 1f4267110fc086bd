#!/bin/bash
# Prepared in the thirty-seventh session for the next call that lands on an H100 (none has since
# the twenty-third session); not yet run. bench/results/2026-11-29-hp-scan: 70 of 72 sampled fp32
# mma cells of the H100's lookup (nvidia-h100.db, then nvidia-sm_90.db) have no hp=1, and every
# f16 and q4_0 one. On the H200 the same change was 1.08-1.43x (fp32) and 1.05-1.62x (formats).
# Candidates as overrides against the shipped lookup, two rounds: "hp=1" merged onto each cell's
# own entry (keys alone merge; hp needs kt and dkt of 16 or 32, which every such entry has), and
# the H200's own tiles for Llama-3-8B (TB at 129-2048, TA from 2049; the block formats' F2/T3).
# Prediction (to be revised before the call): "hp=1" merged 1.1-1.4x for fp32 weights at
# B >= 64 and 1.0-1.2x for q4_0/f16 (iw=1 formats only take hp with their fields exact);
# the H200's tiles within 10% of the merged ones.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
grep -q H100 $o/gpu.txt || echo "not an H100: compare within this card only" > $o/warning.txt
unset FLASHMLP_TUNING_DIR
T start
TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
TA="strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=128 dnt=128 dkt=16 dwm=2 dwn=4 splits=1 hp=1"
a="--budget 0.1 --reps 5"
for r in 1 2; do
  R old-llama-r$r "" --shapes llama3-8b --batch 64,128,256,1024,4096 --weights f32,f16,q4_0 $a
  R hp-llama-r$r "hp=1" --shapes llama3-8b --batch 64,128,256,1024,4096 --weights f32,f16,q4_0 $a
  R TB-llama-r$r "$TB" --shapes llama3-8b --batch 256,1024 --weights f32 $a
  R TA-llama-r$r "$TA" --shapes llama3-8b --batch 4096 --weights f32 $a
  T round$r
done
R old-other "" --shapes qwen2.5-7b,gemma-2b,llama3-70b-tp8 --batch 128,1024 --weights f32,q4_0 $a
R hp-other "hp=1" --shapes qwen2.5-7b,gemma-2b,llama3-70b-tp8 --batch 128,1024 --weights f32,q4_0 $a
R old-relu "" --shapes llama3-8b --ops relu --batch 128,1024 --weights f32 $a
R hp-relu "hp=1" --shapes llama3-8b --ops relu --batch 128,1024 --weights f32 $a
T end
cat $o/times.txt
gpu_summary
