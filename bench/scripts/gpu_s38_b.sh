#!/bin/bash
# Thirty-eighth session, second call: an nvidia-h200-x2 machine, both cards side by side.
# Card 0 (split/): the fp16-pair split with hi formed by an integer add and a mask (one
#   conversion a value where it took two; cl/mma_common.cl fmlp_hp_hi4) against the split before
#   it (-DFMLP_HP_HI=0 through FLASHMLP_BUILD_OPTIONS, the same build), two rounds alternating,
#   shipped tiles: Llama-3-8B SwiGLU fp32 weights at B = 8, 16, 32, 64, 256, 1024, 4096; ReLU at
#   16 and 4096; q4_0 and f16 weights (fp32 x, split in gate/up) at 256 and 4096.
#   Prediction: fp32 B=16 (mmav hp=1 gate/up: weights and x split every step) 1.04-1.08x
#   (192.8 -> 179-186 us); B = 64-4096 (mma: split once a staged tile) 1.01-1.04x; q4_0/f16
#   (x only) level to 1.02x; B=8 and 32 (entries without hp) level.
# Card 1: (file/) s38-a's entries through the file; (relu/) candidates for the ReLU formats
#   left below fp32 weights at 80-256 (0.91-0.97x): SwiGLU's own tiles of each format (M65 at
#   65-128, T3 with splits=2 na=1 at 129-512), R1/TB with iw=0, and B=48 (never measured):
#   the shipped shape-less tiles against M33 (SwiGLU's 33-64), G, F2; (q3/) Llama's exact
#   affine_q3 at 256 (0.95x of fp32 weights) on TB with iw=0 and T3 with splits=2 na=1; (tests/)
#   test_ops's fp16-pair tests on the card's tensor cores (the native split's own check).
#   Prediction: s38-a's entries within 3% of their override times; M65 or R1 1.02-1.06x over
#   the shipped ReLU format tiles at 80-128; at 48 G or M33 1.1-1.3x over the shape-less
#   tiles; affine_q3 at 256 level (no candidate past 1.02x).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
S0=$(date +%s); mkdir -p $o/split $o/file $o/relu $o/q3 $o/tests
gpu_header
(
  export FLASHMLP_DEVICE=0:0; o=$o/split; gpu_header; unset FLASHMLP_TUNING_DIR; T start
  a="--shapes llama3-8b --budget 0.2 --reps 7"
  for r in 1 2; do
    for v in 1 0; do
      export FLASHMLP_BUILD_OPTIONS=-DFMLP_HP_HI=$v
      RT=200 R f32-hi$v-$r "" $a --ops swiglu --batch 8,16,32,64,256,1024,4096 --weights f32
      RT=100 R relu-hi$v-$r "" $a --ops relu --batch 16,4096 --weights f32
      RT=150 R fmt-hi$v-$r "" $a --ops swiglu --batch 256,4096 --weights q4_0,f16
      T hi$v-$r
    done
  done
  unset FLASHMLP_BUILD_OPTIONS
  gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:1; unset FLASHMLP_TUNING_DIR
  ( o=$o/tests; T start
    timeout 150 $b/tests/test_ops --filter 'ops/mma_fp16_pairs_*' --short-filename > $o/fp16_pairs.txt 2>&1
    echo "rc=$?" >> $o/fp16_pairs.txt; T fp16_pairs
    timeout 100 $b/tests/test_ops --filter 'ops/mma_tensor_cores' --short-filename > $o/tensor_cores.txt 2>&1
    echo "rc=$?" >> $o/tensor_cores.txt; T tensor_cores )
  o1=$o
  o=$o1/file; gpu_header; T start
  a="--budget 0.1 --reps 5"
  R qwen "" --shapes qwen2.5-7b --batch 48,64 --weights f32,f16,bf16,affine_q2,affine_q8,q4_0 $a
  R gemma "" --shapes gemma-2b --batch 48,64 --weights f32,f16,bf16,q4_0 $a
  R shard "" --shapes llama3-70b-tp8 --batch 80,128 --weights f32,f16,bf16 $a
  R llama-q3 "" --shapes llama3-8b --batch 600 --weights f32,affine_q3 $a
  RT=200 R relu "" --shapes llama3-8b --ops relu --batch 80,128,256,1024,4096 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 $a
  T file; gpu_summary > $o/summary.txt
  o=$o1/relu; gpu_header; T start
  M65="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 order=0 dorder=0 iw=1 na=0 hp=1"
  M65z="strategy=mma mt=64 nt=56 kt=32 wm=4 wn=1 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=4 order=0 dorder=0 iw=0 na=0 hp=1"
  R1="strategy=mma mt=128 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=2 order=0 dorder=0 iw=0 hp=1"
  TB="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1"
  T3s2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=1 na=1 hp=1"
  M33="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 order=0 dorder=0 iw=1 na=0 hp=1"
  G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
  F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
  W="--shapes llama3-8b --ops relu --budget 0.1 --reps 5"
  B="--weights q8_0,affine_q3,affine_q4"; H="--weights f16,bf16"
  R M65 "$M65" $W --batch 80,128 $B; R M65z "$M65z" $W --batch 80,128 $H
  R R1 "$R1" $W --batch 80,128 $B; R TB "$TB" $W --batch 256 $B --weights q8_0,affine_q3,affine_q4,bf16
  R T3s2 "$T3s2" $W --batch 256 $B
  R old48 "" $W --batch 48 --weights f32,f16,bf16,q8_0,q4_0,affine_q3,affine_q4
  R M33 "$M33" $W --batch 48 --weights q8_0,q4_0,affine_q3,affine_q4
  R G48 "$G" $W --batch 48 --weights f16,bf16,q8_0,q4_0,affine_q3,affine_q4
  R F248 "$F2" $W --batch 48 --weights f16,bf16,q8_0,q4_0,affine_q3,affine_q4
  T relu; gpu_summary > $o/summary.txt
  o=$o1/q3; gpu_header; T start
  TBi0="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 iw=0 na=2 hp=1 se=0"
  a="--shapes llama3-8b --batch 256 --weights affine_q3 --budget 0.2 --reps 7"
  for r in 1 2; do
    R old$r "" $a --weights f32,affine_q3; R TB$r "$TBi0" $a; R T3s2$r "$T3s2" $a
  done
  T q3; gpu_summary > $o/summary.txt
) &
wait
for p in split file relu q3; do echo "== $p"; cat $o/$p/summary.txt | grep -v '^NVIDIA' | cut -c1-1200; done
tail -n 3 $o/tests/*.txt
