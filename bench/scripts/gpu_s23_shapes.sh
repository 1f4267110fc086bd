#!/bin/bash
# Twenty-third session, call 5 (H200). Shapes other than Llama-3-8B run B = 17-32 on
# nvidia-sm_90.db's shape-less 16-row mmav tiles (fb=2), which go over the weights twice there.
# The Llama tiles of this session, F (fp32: 32 rows, L2 evict-first loads) and Q (the exact
# block formats: 32 rows in both kernels, fields into the mma), on Qwen2.5-7B, Gemma-2B, the
# Llama-3-70B shard and GPT-2 at B = 24 and 32, against the shipped plans, one round each
# (a second for the shapes where time is left).
# Prediction: Qwen and Gemma 1.1-1.3x (as Llama's 1.2-1.4x from the 16-row tiles); the shard
# (I = 3584: 112 work-groups of 32 rows for 132 SMs) 0.9-1.1x; GPT-2 (weights in L2) 0.9-1.2x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
F="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=0 wl=0 na=2"
Q="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 splits=4 iw=1 wl=0 na=0"
W="q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
for r in 1 2; do
  for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
    X="--shapes $s --batch 24,32"
    R $s-ship-r$r "" $X --weights f32,$W
    R $s-f-r$r "$F" $X --weights f32
    R $s-q-r$r "$Q" $X --weights $W
  done
done
grep -h 'n/a\|FAIL' $o/*-r1.log | head -8
gpu_summary
