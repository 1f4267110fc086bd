#!/bin/bash
# Thirty-ninth session, first call (one H200). Issue 5's last Llama-3-8B cell below fp32 weights:
# exact affine_q3 at B=256 (0.96x in s38-d; tunes found <= 1.01x), and 256-row tiles, which no
# space held before: at B=256 the shipped tiles (64 or 128 rows) decode (or, for fp32, split into
# fp16 pairs) every weight tile 2-4 times, once a batch tile; a 256-row tile does it once.
# Part 1 (Llama-3-8B SwiGLU, B=256, fp32 and affine_q3 weights): the shipped lookup, then the
# candidates below as overrides, two rounds alternating; `flashmlp run --profile` of the shipped
# plans for the kernels' split.
#   K1 mt=256 nt=64 wm=8 wn=2 | dmt=256 dnt=128 dwm=8 dwn=2 splits=4 (512 threads)
#   K2 mt=256 nt=32 wm=8 wn=1 | dmt=256 dnt=64 dwm=8 dwn=1 splits=4 (256 threads)
#   K3 mt=256 nt=64 wm=4 wn=2 | dmt=256 dnt=64 dwm=4 dwn=2 splits=4 (256 threads, 128 accumulators)
#   K4 mt=256 nt=112 kt=16 wm=8 wn=2 | dmt=256 dnt=128 dwm=8 dwn=2 splits=8 (128 work-groups)
#   K5 affine_q3's shipped gate/up (128 rows) with K1's down
#   Q2 affine_q2's s38-e tile (wn=4 dwn=4 na=1), affine_q3 only
# Part 2 (checks through the file): s38-e's affine_q2 at 256 (above); s38-f's 16-bit entries
# (Llama-3-8B at 48/64, GPT-2 at 48/128, the shard at 48/64); GPT-2 f16/bf16 at 160-1024 on G0 and
# F2 against the shipped 64x64 hp=0 tile; the shard's f16/bf16 at 128 on A65 and F2.
# Prediction: the 256-row tiles 1.00-1.10x for affine_q3 (one decode instead of two), 0.90-1.10x
# for fp32 (its tile has four batch tiles but the x tile grows 4x); K4 slower (one wave of 128
# work-groups); s38-e/f's entries within 3% of their override times; GPT-2 16-bit on G0 1.1-1.3x
# at 160-300, level at 1024; the shard level.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
B="strategy=mma kt=32 dkt=32 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
K1="$B mt=256 nt=64 wm=8 wn=2 dmt=256 dnt=128 dwm=8 dwn=2 splits=4"
K2="$B mt=256 nt=32 wm=8 wn=1 dmt=256 dnt=64 dwm=8 dwn=1 splits=4"
K3="$B mt=256 nt=64 wm=4 wn=2 dmt=256 dnt=64 dwm=4 dwn=2 splits=4"
K4="$B mt=256 nt=112 kt=16 wm=8 wn=2 dmt=256 dnt=128 dwm=8 dwn=2 splits=8"
K5="$B mt=128 nt=64 wm=4 wn=2 dmt=256 dnt=128 dwm=8 dwn=2 splits=4"
Q2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1"
a="--budget 0.15 --reps 7"
L="--shapes llama3-8b --batch 256 --weights f32,affine_q3 $a"
for r in 1 2; do
  R file$r "" --shapes llama3-8b --batch 256 --weights f32,affine_q2,affine_q3 $a
  for k in K1 K2 K3 K4 K5; do R $k-$r "${!k}" $L; done
  R Q2-$r "$Q2" $L --weights affine_q3
  T round$r
done
for w in f32 affine_q3; do
  timeout 60 $b/flashmlp run --batch 256 --weights $w --reps 5 --profile > $o/profile-$w.txt 2>&1
done
T profile
G0="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
A65="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1"
c="--budget 0.1 --reps 5"
R f-llama "" --shapes llama3-8b --batch 48,64 --weights f32,f16,bf16 $c
R f-gpt2 "" --shapes gpt2 --batch 48,128,160,256,300,1024 --weights f32,f16,bf16 $c
R f-shard "" --shapes llama3-70b-tp8 --batch 48,64,128 --weights f32,f16,bf16 $c
R gpt2-G0 "$G0" --shapes gpt2 --batch 160,256,300,1024 --weights f16,bf16 $c
R gpt2-F2 "$F2" --shapes gpt2 --batch 160,256,300,1024 --weights f16,bf16 $c
R shard-A65 "$A65" --shapes llama3-70b-tp8 --batch 128 --weights f16,bf16 $c
R shard-F2 "$F2" --shapes llama3-70b-tp8 --batch 128 --weights f16,bf16 $c
T end
gpu_summary > $o/summary.txt
grep -h 'ms\|kernel\|fmlp_' $o/profile-*.txt | head -20
grep -v '^NVIDIA' $o/summary.txt
