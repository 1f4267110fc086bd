#!/bin/bash
# Thirty-fourth session, call 7 (H200). s34-e: building GPT-2's 16 tuner seeds took 79.5 s
# against 9.7 s for the shard's 15, with one core's worth of CPU time while 14 build threads
# existed. What a user pays: `flashmlp-tune --report-cache` (plan creation in fresh processes,
# cold, warm and without the disk cache) for GPT-2 and the 70B shard up to B=4096, with 1 and
# with 16 build threads, NVIDIA's compute cache off (CUDA_CACHE_DISABLE=1) so that every cold
# run compiles.
# Prediction (before the call): GPT-2's cold plan 20-40 s (its 7 variants at about 5 s each),
# the shard's 3-6 s; 16 threads no faster than 1 on this driver (its compiler one build at a
# time); warm plans under 50 ms for both.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
export CUDA_CACHE_DISABLE=1
for th in 1 16; do
  FLASHMLP_BUILD_THREADS=$th timeout 150 $b/flashmlp-tune --report-cache --shape 768x3072 --kind plain \
    --act gelu_tanh --batch 4096 > $o/cache-gpt2-t$th.txt 2>&1
  T gpt2-t$th
  FLASHMLP_BUILD_THREADS=$th timeout 60 $b/flashmlp-tune --report-cache --shape 8192x3584 \
    --batch 4096 > $o/cache-shard-t$th.txt 2>&1
  T shard-t$th
done
for f in $o/cache-*.txt; do echo "== $(basename $f)"; grep -E "^(cold|warm 1|no disk)" $f; done
