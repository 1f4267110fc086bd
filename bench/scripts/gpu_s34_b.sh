#!/bin/bash
# Thirty-fourth session, call 2 (H200). s34-a found the cells below fp32 weights that no record
# had measured: the 70B shard's fp32-x block formats at B=160 (0.78-0.84x; they take
# nvidia-sm_90.db's shape-less tf32 tiles, hp=0, 128-row down tiles), GPT-2's fp32-x block
# formats at 160 (0.87-0.89x; the same kind of entry) and f16-x ones (0.93-0.97x), Gemma-2B's f16-x
# affine_q3 at 300 (0.92x) and the shard's f16-x affine_q3 at 300 (0.91x); and GPT-2's fp32
# weights at 300 taking twice their time at 160 (178 against 93 us).
# (1) flashmlp-tune, mma only, on one cell of each: shard q4_0 fp32 x at 160 (the Llama-3-8B
#     fp32-x 64-row tile tried), GPT-2 q4_0 fp32 x and f16 x at 160, GPT-2 fp32 weights at 300,
#     Gemma-2B affine_q3 f16 x at 300.
# (2) An overlay from those entries: each block-format tune's tile given to every block format
#     of its shape and x type at B = 129-192 (Gemma's at 257-320 to affine_q3 only; GPT-2's fp32
#     weights at 257-512), plus the 64-row fw=1 tile for the shard's f16-x block formats at 129-192
#     and 257-320 (the tile s34-a shipped for Qwen2.5-7B and Gemma-2B). Shipped file against
#     the overlay, alternating twice.
# Prediction (before the call): shard fp32 x at 160 0.8x -> 1.0-1.1x of fp32 weights (hp=1 and
# 64-row tiles, as Llama-3-8B's 0.80-0.88x -> 1.02-1.18x); GPT-2 fp32 x at 160 0.88x -> 0.95-1.05x
# (a 90 us MLP, launches a large share); GPT-2 fp32 weights at 300 178 -> 110-130 us; Gemma and
# the shard's f16-x affine_q3 at 300 0.91-0.92x -> 0.95-1.0x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
L64="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
tune() { local n=$1 s=$2; shift 2
  timeout $((s + 40)) $b/flashmlp-tune --strategies mma --budget $s --reps 5 --out $o/tune-$n.db "$@" \
    > $o/tune-$n.log 2>&1; T tune-$n; }
tune shard-q4 70 --shape 8192x3584 --weights q4_0 --acts f32 --batch 160 --try "$L64"
tune gpt2-q4 40 --shape 768x3072 --kind plain --act gelu_tanh --weights q4_0 --acts f32 --batch 160
tune gpt2-q4h 40 --shape 768x3072 --kind plain --act gelu_tanh --weights q4_0 --acts f16 --batch 160
tune gpt2-f32 40 --shape 768x3072 --kind plain --act gelu_tanh --weights f32 --acts f32 --batch 300
tune gemma-q3h 70 --shape 2048x16384 --act gelu_tanh --weights affine_q3 --acts f16 --batch 300
# the overlay: entry lines of a tune, each format given, at range B
ent() { grep -h '^entry' $o/tune-$1.db | head -1; }
spread() { local e=$1 r=$2; shift 2
  for w in "$@"; do echo "$e" | sed -E "s/ wt=[a-z0-9_]+/ wt=$w/; s/ B=[0-9-]+/ B=$r/"; done; }
BF="q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8"
SH16="entry kind=gated act=silu wt=q4_0 at=f16 pr=exact H=8192 I=3584 B=129-192 strategy=mma mt=64 nt=112 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=1 emu=0 fw=1"
{ head -2 bench/scripts/s34-next.db
  spread "$(ent shard-q4)" 129-192 $BF
  spread "$(ent gpt2-q4)" 129-192 $BF
  spread "$(ent gpt2-q4h)" 129-192 $BF
  spread "$(ent gpt2-f32)" 257-512 f32
  spread "$(ent gemma-q3h)" 257-320 affine_q3
  spread "$SH16" 129-192 $BF
  spread "$SH16" 257-320 $BF
} > $o/s34-b.db
n=$(overlay $o/s34-b.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=60 R sh32-$v-$rep "" --shapes llama3-70b-tp8 $A --acts f32 --batch 160 \
      --weights f32,q8_0,q4_0,affine_q3,affine_q4
    RT=60 R sh16-$v-$rep "" --shapes llama3-70b-tp8 $A --acts f16 --batch 160,300 \
      --weights f32,q8_0,q4_0,affine_q3
    RT=60 R g32-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 160 --weights f32,q8_0,q4_0,affine_q3
    RT=60 R g32b-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 300,400 --weights f32
    RT=60 R g16-$v-$rep "" --shapes gpt2 $A --acts f16 --batch 160 --weights f32,q4_0,affine_q3
    RT=60 R ge16-$v-$rep "" --shapes gemma-2b $A --acts f16 --batch 300 --weights f32,affine_q3
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
gpu_summary
