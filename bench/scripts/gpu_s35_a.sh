#!/bin/bash
# Thirty-fifth session, first call (H200). Replaces gpu_s35_next.sh's plan (whose five
# --report-cache processes a shape would not fit one call) and the first half of
# gpu_s35_shapeless.sh.
# (1) Build time: `flashmlp run` in a fresh process, NVIDIA's compute cache off, an empty
#     FlashMLP disk cache of its own for each configuration, 16 build threads; "plan and weights
#     ready in" is the cold plan. GPT-2 (768x3072 plain GELU tanh with biases) as shipped and
#     with -DFMLP_K_ROLLED (the loops over H or I with a compile-time trip count kept rolled),
#     GPT-2's shape as a gated SiLU MLP, Llama-3-8B as shipped and rolled. Each cache folder's
#     PTX sizes are listed.
# (2) Speed of the rolled loops: flashmlp-bench, GPT-2 at B = 16, 300, 1024 and Llama-3-8B at
#     16, 300, fp32 and q4_0 weights, shipped and rolled alternating twice.
# (3) The shape-less cells: Qwen2.5-7B's and Gemma-2B's fp32-x block formats at B = 160, 300,
#     600, 1024 beside fp32 weights (shipped file only).
# Prediction, written before the call:
# (1) GPT-2 cold 40-45 s shipped (s34-g: 41.8 s with 16 threads), 5-10 s rolled; GPT-2's shape
#     gated 30-60 s (the shape, not the kind: its H = 768 gives loops of 24 k-tiles of 32, which
#     the compiler unrolls whole, where Llama-3-8B's 128 it does not); Llama-3-8B 4-6 s either
#     way. GPT-2's PTX 3-10x larger shipped than rolled.
# (2) rolled within 3% of shipped in every cell (the loops' bodies are large; unrolling saves
#     only a counter and a branch per k-tile).
# (3) the block formats at 0.80-0.95x of fp32 weights at most of these cells (the 70B shard's
#     and GPT-2's were at 0.55-0.84x before their tunes, s34-a to s34-d).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
G="--hidden 768 --intermediate 3072 --plain --bias --act gelu_tanh"
cold() { local n=$1 opt=$2; shift 2
  rm -rf /tmp/cc-$n; mkdir -p /tmp/cc-$n
  CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16 FLASHMLP_CACHE_DIR=/tmp/cc-$n \
    FLASHMLP_BUILD_OPTIONS="$opt" timeout 150 $b/flashmlp run "$@" --reps 3 \
    --batch 1,16,300,1024,4096 > $o/cold-$n.txt 2>&1
  echo "rc=$?" >> $o/cold-$n.txt
  ls -l /tmp/cc-$n | awk 'NR > 1 {s += $5; n++; print $5, $9} END {print "total", s, "files", n}' \
    > $o/ptx-$n.txt
  T cold-$n; }
cold gpt2 "" $G
cold gpt2-rolled -DFMLP_K_ROLLED $G
cold gpt2-gated "" --hidden 768 --intermediate 3072
cold llama "" 
cold llama-rolled -DFMLP_K_ROLLED
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED
    RT=120 R g-$v-$rep "" --shapes gpt2 $A --batch 16,300,1024 --weights f32,q4_0
    RT=120 R l-$v-$rep "" --shapes llama3-8b $A --batch 16,300 --weights f32,q4_0
    unset FLASHMLP_BUILD_OPTIONS
    T $v-$rep
  done
done
RT=240 R qg32 "" --shapes qwen2.5-7b,gemma-2b $A --acts f32 --batch 160,300,600,1024 \
  --weights f32,q8_0,q4_0,affine_q3,affine_q4
T sweep
gpu_summary
for f in $o/cold-*.txt; do echo "== $(basename $f) $(grep -h total ${f/cold-/ptx-})"
  grep -E "ready in|rc=|FAIL|fail" $f; done
