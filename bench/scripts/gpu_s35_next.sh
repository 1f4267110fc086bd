#!/bin/bash
# Prepared in the thirty-fourth session for the next call (H200), not yet run. s34-g: GPT-2's
# programs (768x3072, plain GELU with biases) take 6-9 s each to build on NVIDIA's driver, the
# 70B shard's 0.5 s, so a first GPT-2 plan waits 40-60 s and tunes of it spend their budget
# building. Which part: (1) `--report-cache` (fresh processes, NVIDIA's compute cache off, 16
# build threads) for GPT-2 as it is, for GPT-2's shape as a gated SiLU MLP (the shape's effect)
# and for Llama-3-8B's shape as a plain GELU MLP (the kind's effect); (2) the same GPT-2 run with
# -DFMLP_K_ROLLED (cl/common.cl: the loops over H or I with a compile-time trip count kept
# rolled); (3) the kernels' speed with and without it, GPT-2 and Llama-3-8B, alternating twice.
# Prediction (the thirty-fourth session's, to be revised before the call): (1) the shape, not the
# kind: GPT-2 gated 30-60 s, Llama plain 4-6 s; (2) with the loops rolled GPT-2's cold plan 42 s ->
# 5-10 s; (3) within 3% either way at B = 16, 300 and 1024.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
export CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16
rc() { local n=$1; shift; timeout 150 $b/flashmlp-tune --report-cache --batch 4096 "$@" > $o/cache-$n.txt 2>&1; T $n; }
rc gpt2 --shape 768x3072 --kind plain --act gelu_tanh
rc gpt2-gated --shape 768x3072
rc llama-plain --shape 4096x14336 --kind plain --act gelu_tanh
FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED rc gpt2-rolled --shape 768x3072 --kind plain --act gelu_tanh
unset CUDA_CACHE_DISABLE
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
gpu_summary
for f in $o/cache-*.txt; do echo "== $(basename $f)"; grep -E "^(cold|warm 1|no disk)" $f; done
