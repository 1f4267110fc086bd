#!/bin/bash
# Thirty-fifth session, third call (H200). s35-b: the slow GPT-2 programs are the hp=0 tiles
# (3xTF32): their gate/up kernel held 2304 mma.sync in 1.3 MB of PTX (24 k-tiles of 96, the
# loop over H = 768 unrolled whole) and took 15 s to build, against 96 mma.sync, 150 KB and 1 s
# with hp=1. FMLP_K_ROLLED had changed nothing (s35-a): NVIDIA's compiler ignored the pragma
# given through _Pragma in a macro; it is now a plain `#pragma unroll 1` before each loop.
# (1) GPT-2's plan (plain GELU tanh with biases) cold, every bucket up to 4096, NVIDIA's compute
#     cache off, shipped and rolled: plan time, each program's size and mma.sync count.
# (2) Speed: flashmlp-bench GPT-2 fp32 at B = 32, 64, 128, 256, 1024, 4096 and q4_0 at 64 and
#     4096, Llama-3-8B fp32 at 64 and 4096, shipped and rolled alternating twice.
# Prediction, written before the call: (1) GPT-2's plan 40 s -> 5-8 s rolled; the hp=0 gate/up
#     kernels at 96 mma.sync; Llama-3-8B's programs the same size either way (128 k-tiles are
#     not unrolled). (2) GPT-2 at the hp=0 buckets (4096, and any below 257 on mma hp=0) level
#     to 1.1x faster rolled (1.3 MB of code does not stay in the instruction cache); elsewhere
#     within 2%.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
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
cold gpt2 "" $G
cold gpt2-rolled -DFMLP_K_ROLLED $G
cold llama ""
cold llama-rolled -DFMLP_K_ROLLED
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED
    RT=120 R g-$v-$rep "" --shapes gpt2 $A --batch 32,64,128,256,1024,4096 --weights f32
    RT=60 R gq-$v-$rep "" --shapes gpt2 $A --batch 64,4096 --weights q4_0
    RT=60 R l-$v-$rep "" --shapes llama3-8b $A --batch 64,4096 --weights f32
    unset FLASHMLP_BUILD_OPTIONS
    T $v-$rep
  done
done
gpu_summary
for f in $o/cold-*.txt; do n=$(basename $f .txt); n=${n#cold-}
  echo "== $n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) $(grep -c passed $f)"
  awk '{s += $1} END {print "ptx bytes", s}' $o/ptx-$n.txt
  grep -o 'fmlp_mma[a-z_]*:[0-9]*\|fmlp_mmav[a-z_]*:[0-9]*' $o/ptx-$n.txt | tr '\n' ' '; echo; done
