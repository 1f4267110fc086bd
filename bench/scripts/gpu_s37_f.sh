#!/bin/bash
# Thirty-seventh session, sixth call (H200). The Llama-3-8B ReLU MLP at B = 1-16 takes
# nvidia-sm_90.db's shape-less tiles (B=1 stream xc=512, B=2-32 and 3-8 mmav); SwiGLU's own
# entries were tuned on the card. Candidates, SwiGLU's tiles as overrides against the shipped
# lookup, two rounds: SB1 (its B=1 stream entry) at 1, SB2 (its B=2 stream entry) at 2, V4 (its
# B=3-4 mmav) at 2 and 4, V8 (5-8) at 8, V16 (9-16, hp=1) at 16.
# Prediction: B=1 125 -> 112-116 us; B=2 138 -> 115-125; B=4/8 level to 1.1x; B=16 148 -> 130-135.
# Then through the file (s37-e.db spliced in): ReLU at 32 (~193 us) and the shard's formats at
# 80/128/400 (H2i and T3: q8_0/q4_0 ~425-440 at 80-128, affine 450-485; 1240-1400 at 400).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
SB1="strategy=stream wgs=512 kl=16 ti=64 bt=1 vw=4 xc=4096 na=1"
SB2="strategy=stream wgs=512 kl=16 ti=64 bt=2 vw=4 xc=4096"
V4="strategy=mmav wg=2 kw=2 fm=1 fb=1 ku=1 pf=1 dwg=4 dkw=2 dfb=1 dku=2 dpf=1 splits=16"
V8="strategy=mmav wg=4 kw=4 fm=1 fb=1 ku=1 pf=1 dwg=4 dkw=2 dfb=1 dku=4 dpf=0 splits=16"
V16="strategy=mmav wg=8 kw=2 fm=1 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4 iw=0 wl=0 na=0 hp=1 dhp=0"
a="--shapes llama3-8b --ops relu --weights f32 --budget 0.2 --reps 10"
for r in 1 2; do
  R old-r$r "" $a --batch 1,2,4,8,16
  R SB1-r$r "$SB1" $a --batch 1
  R SB2-r$r "$SB2" $a --batch 2
  R V4-r$r "$V4" $a --batch 2,4
  R V8-r$r "$V8" $a --batch 8
  R V16-r$r "$V16" $a --batch 16
  T round$r
done
R relu32 "" $a --batch 32
RT=120 R check-shard "" --shapes llama3-70b-tp8 --batch 80,128,400 --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --budget 0.1 --reps 5
T check
cat $o/times.txt
gpu_summary
