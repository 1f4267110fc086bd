#!/bin/bash
# Twenty-third session, call 6 (H200, the last device time). Call 5 left two cells well below
# fp32's new plans on the shapes given 32-row tiles: exact affine_q3 on Gemma-2B (0.91x at B=32)
# and exact affine_q8 on Qwen2.5-7B (0.92x). flashmlp-tune at B=32 for each (mmav, 60 s), the
# shipped choice (now the Llama tile Q) in its run; fp32 at B=32 on each shape in the same call.
# Prediction: 1.00-1.08x over Q; Gemma's affine_q3 still 0.92-0.98x of fp32, Qwen's affine_q8
# 0.95-1.0x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
Q="wg=4 kw=2 fm=2 fb=4 pf=0 dwg=4 dkw=4 dfb=4 dku=4 dpf=0 iw=1 wl=0"
T() { # name shape act weights
  timeout -s INT 100 $b/flashmlp-tune --shape $2 --act $3 --total-budget 60 --batch 32 \
    --weights $4 --strategies mmav --out $o/ovl/$1.db \
    --try "strategy=mmav $Q ku=2 splits=4" --try "strategy=mmav $Q ku=1 splits=8" > $o/tune-$1.log 2>&1
}
T gemma-q3 2048x16384 gelu_tanh affine_q3
T qwen-q8 3584x18944 silu affine_q8
R gemma-f32 "" --shapes gemma-2b --batch 32 --weights f32
R qwen-f32 "" --shapes qwen2.5-7b --batch 32 --weights f32
grep -h -A3 "confirming" $o/tune-*.log | grep -v "^--" | cut -c1-220
gpu_summary
