#!/bin/bash
# Thirty-fifth session, seventh call (H200). s35-f: GPT-2's f16 and bf16 weights at B = 160-1024
# ran at 0.49-0.51x of fp32 weights at 160-300 and 0.84x at 1024 on nvidia-sm_90.db's shape-less
# kt=16 tile; fp32 weights' 64x64 hp=1 tile (s35-f.db) took them 1.06-1.58x faster, still
# 0.75-0.89x of fp32. At B=80 the same weights ran level with fp32 on the shape-less 64x64 kt=32
# hp=0 tile (its loop now rolled).
# GPT-2 fp32, f16, bf16 weights at B = 160, 300, 1024: shipped, overlay f (hp=1), overlay g
# (s35-g.db: the 64x64 kt=32 hp=0 tile), alternating twice.
# Prediction, written before the call: overlay g within 0.95-1.05x of fp32 weights at 160-300
# (as at 80) and 0.9-1.0x at 1024; 1.2-1.3x past overlay f at 160-300.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
A="--budget 0.08 --reps 3"
OF=$(overlay $S/s35-f.db) OG=$(overlay $S/s35-g.db)
for rep in 1 2; do
  RT=90 R ship-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  FLASHMLP_TUNING_DIR=$OF RT=90 R f-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  FLASHMLP_TUNING_DIR=$OG RT=90 R g-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  T round-$rep
done
gpu_summary
