#!/bin/bash
# Thirty-fifth session, fourth call (H200). s35-c: the `#pragma unroll 1` changed nothing either
# (GPT-2's hp=0 gate/up kernels still 2304 mma.sync, plan 29-43 s cold). GPT-2's two hp=0
# programs are the shape-less entries of nvidia-sm_90.db at B = 65-128 and from 2049, and those
# cells are slow: 120.8 us at B=128 against 96.2 at 256, 31 TFLOP/s at 4096 against 42.6 at
# 1024 on GPT-2's own hp=1 tile.
# (1) FMLP_K_ROLLED now also passes the loops' bound through an empty inline asm on NVIDIA
#     (FMLP_K_END): GPT-2's and Llama-3-8B's plans cold (compute cache off), shipped and rolled,
#     each program's size and mma.sync count.
# (2) GPT-2 fp32 at B = 80, 128, 2500, 4096: shipped, rolled, overlay a (GPT-2's 64x64 hp=1 tile
#     at 65-128 and from 2049), overlay b (32x64 at 65-128, 128x64 from 2049), alternating twice;
#     Llama-3-8B fp32 at 32, 128, 4096 shipped and rolled.
# (3) GPT-2's formats at 128 and 4096 beside fp32 weights on overlay a, one round.
# Prediction, written before the call: (1) rolled: GPT-2's hp=0 gate/up at 96 mma.sync and its
#     plan 43 -> 5-8 s; Llama-3-8B's unchanged. (2) rolled level to 1.1x faster on GPT-2's hp=0
#     cells, level on Llama; overlay a 1.3-1.6x faster at 80-128 (under B=256's 96 us) and
#     1.2-1.35x at 2500-4096 (towards 1024's 42.6 TFLOP/s); b within 10% of a.
#     (3) every format within 0.85-1.2x of fp32 weights at 128 and 4096.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
G="--hidden 768 --intermediate 3072 --plain --bias --act gelu_tanh"
cold() { local n=$1 opt=$2; shift 2
  rm -rf /tmp/cc-$n; mkdir -p /tmp/cc-$n
  CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16 FLASHMLP_CACHE_DIR=/tmp/cc-$n \
    FLASHMLP_BUILD_OPTIONS="$opt" timeout 150 $b/flashmlp run "$@" --reps 3 --check-rows 1 \
    --batch 1,16,32,64,128,300,1024,4096 > $o/cold-$n.txt 2>&1
  echo "rc=$?" >> $o/cold-$n.txt
  for f in /tmp/cc-$n/*; do
    echo "$(wc -c < $f) $(grep -ao '\.entry [a-z_0-9]*\|mma\.sync' $f | awk '/entry/ {n = $2} /mma/ {c[n]++} END {for (k in c) printf "%s:%d ", k, c[k]}')"
  done > $o/ptx-$n.txt
  T cold-$n; }
cold gpt2-rolled -DFMLP_K_ROLLED $G
cold gpt2 "" $G
cold llama-rolled -DFMLP_K_ROLLED
cold llama ""
A="--budget 0.08 --reps 3"
OA=$(overlay $S/s35-d-a.db) OB=$(overlay $S/s35-d-b.db)
for rep in 1 2; do
  RT=60 R g-old-$rep "" --shapes gpt2 $A --batch 80,128,2500,4096 --weights f32
  FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED RT=60 R g-rolled-$rep "" --shapes gpt2 $A --batch 80,128,2500,4096 --weights f32
  FLASHMLP_TUNING_DIR=$OA RT=60 R g-a-$rep "" --shapes gpt2 $A --batch 80,128,2500,4096 --weights f32
  FLASHMLP_TUNING_DIR=$OB RT=60 R g-b-$rep "" --shapes gpt2 $A --batch 80,128,2500,4096 --weights f32
  RT=90 R l-old-$rep "" --shapes llama3-8b $A --batch 32,128,4096 --weights f32
  FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED RT=90 R l-rolled-$rep "" --shapes llama3-8b $A --batch 32,128,4096 --weights f32
  T round-$rep
done
FLASHMLP_TUNING_DIR=$OA RT=120 R gf-a "" --shapes gpt2 $A --batch 128,4096 \
  --weights f32,f16,q8_0,q4_0,affine_q3,affine_q4
T formats
gpu_summary
for f in $o/cold-*.txt; do n=$(basename $f .txt); n=${n#cold-}
  echo "== $n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) $(grep -c passed $f)"
  awk '{s += $1} END {print "ptx bytes", s}' $o/ptx-$n.txt
  grep -o 'fmlp_mma[a-z_]*:[0-9]*' $o/ptx-$n.txt | tr '\n' ' '; echo; done
