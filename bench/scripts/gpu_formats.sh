#!/bin/bash
# On the GPU machine (after `source .gpu/env.sh`), with a build in $1: each weight format of
# the Llama-3-8B SwiGLU MLP at B = 1, 16, 256 through the databases' choice, and the
# tensor-core streaming kernel (mmav) forced at B = 1 and 16; kernel profiles included.
b=$1
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  echo "== $w"
  $b/flashmlp run --weights $w --batch 1,16,256 --reps 10 --check-rows 1 --profile 2>&1 |
    grep -E "^ +[0-9]+ |fmlp_|FAIL|flashmlp:" | cut -c1-150
  FLASHMLP_OVERRIDES="strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=2 dwg=8 dkw=8 dfb=2 dku=1 splits=4" \
    $b/flashmlp run --weights $w --batch 1,16 --reps 10 --check-rows 1 2>&1 |
    grep -E "^ +[0-9]+ |FAIL|flashmlp:" | cut -c1-150
done
