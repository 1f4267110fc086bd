#!/bin/bash
# Twenty-fourth session, call 4 (H200). fp32 at B >= 33 is now 1.10-1.35x faster on hp tiles
# (calls 2-3), so issue 5's "no format slower than fp32" must be measured again there:
# (1) every format, exact and int8, f16/bf16, Llama-3-8B, B = 64, 128, 256, 1024, 4096 on the
#     shipped databases (one round);
# (2) hp=1 (the key alone, onto the shipped mma entries) against the entries on the other
#     shapes and the ReLU MLP, fp32, B = 64, 256, 1024 (one round each, alternating);
# (3) flashmlp-tune at B=16 with mma only and hp seeds (issue 3's B=16: 204 us on mmav).
# Prediction: (1) the exact block formats on mma iw=1 (tf32 products, two a k8) fall behind
#     fp32 at B = 128-4096 (0.8-1.0x), int8 and f16/bf16 stay ahead at 64-256; (2) 1.05-1.3x at
#     256-1024, level or slower at 64 where the tiles are small; (3) mma slower than mmav's 204.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
B="--batch 64,128,256,1024,4096"
RT=200 R fmt-exact "" --shapes llama3-8b $B --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
RT=200 R fmt-int8 "" --shapes llama3-8b $B --weights q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8
RT=90
for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
  R sh-$s-hp0 "" --shapes $s --batch 64,256,1024 --weights f32
  R sh-$s-hp1 "hp=1" --shapes $s --batch 64,256,1024 --weights f32
done
R relu-hp0 "" --shapes llama3-8b --ops relu --batch 64,256,1024 --weights f32
R relu-hp1 "hp=1" --shapes llama3-8b --ops relu --batch 64,256,1024 --weights f32
timeout -s INT 110 $b/flashmlp-tune --shape 4096x14336 --total-budget 70 --batch 16 --weights f32 \
  --strategies mma --out $o/ovl/b16.db \
  --try "strategy=mma mt=16 nt=64 kt=32 wm=1 wn=4 dmt=16 dnt=64 dkt=32 dwm=1 dwn=4 splits=4 hp=1" \
  --try "strategy=mma mt=16 nt=128 kt=32 wm=1 wn=8 dmt=16 dnt=128 dkt=32 dwm=1 dwn=8 splits=4 hp=1" \
  > $o/tune-b16.log 2>&1
tail -3 $o/tune-b16.log
gpu_summary
