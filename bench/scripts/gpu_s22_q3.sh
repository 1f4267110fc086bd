#!/bin/bash
# Twenty-second session, call 2: exact affine_q3 at B = 17-32, the last Llama-3-8B cells below
# fp32 on the H200 (call 1: 373.8 / 381.9 us at B = 24 / 32 against fp32's 355.9 / 360.6, on an
# mmav tile of 16 rows, fb=2, run twice over the weights). Candidates, fp32 and the shipped plan
# in the run, two rounds:
#   V4: the same mmav tile with 32 rows (fb=4, dfb=4): the weights read and decoded once;
#   V4b: V4 with fm=1 ku=1 (fewer registers, as the generic B = 17-64 seed);
#   M16/M8: the B = 33-128 entry's mma tile (64 x 64, dequantized into local memory), splits 16 / 8.
# Then the new nvidia-h200.db entries (exact affine_q3 B = 5-8 on Gemma-2B, GPT-2, Qwen2.5-7B) at
# B = 5 and 8 with fp32, and the 70B shard's affine_q3 at B=8 on stream plans of 112 slices.
# Prediction: V4 1.15-1.4x over the shipped plan at B=32 (the decode, not the bytes, bounds it:
# decoding once for 32 rows halves it), so 270-330 us, faster than fp32; at 24 the same plan
# with 8 rows idle, 1.05-1.3x. M16/M8 near the B=64 figure's share, 330-400 us. New entries: the
# call-1 figures within 3%; B=5 below B=8. Shard, 112 slices: 140-160 us (fp32 124.8), still
# below fp32.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
V4="strategy=mmav wg=4 kw=2 fm=4 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=4 dku=2 dpf=0 splits=2 iw=1"
V4b="strategy=mmav wg=4 kw=4 fm=1 fb=4 ku=1 pf=0 dwg=8 dkw=8 dfb=4 dku=1 dpf=0 splits=4 iw=1"
M16="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16 order=0 dorder=0 iw=1"
M8="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=0 dorder=0 iw=1"
for r in 1 2; do
  R ship-r$r "" --shapes llama3-8b --batch 24,32 --weights f32,affine_q3
  for v in V4 V4b M16 M8; do R $v-r$r "${!v}" --shapes llama3-8b --batch 24,32 --weights affine_q3; done
done
for s in qwen2.5-7b gemma-2b gpt2; do R $s-new "" --shapes $s --batch 5,8 --weights f32,affine_q3; done
T1="strategy=stream wgs=256 kl=16 ti=32 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1"
T2="strategy=stream wgs=128 kl=8 ti=32 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1"
R shard-ship "" --shapes llama3-70b-tp8 --batch 8 --weights f32,affine_q3
R shard-t1 "$T1" --shapes llama3-70b-tp8 --batch 8 --weights affine_q3
R shard-t2 "$T2" --shapes llama3-70b-tp8 --batch 8 --weights affine_q3
gpu_summary
