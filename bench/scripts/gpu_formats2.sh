#!/bin/bash
# Weight formats through the Hopper database (tensor cores for B >= 2): B = 16, 64, 256.
b=$1
for w in f32 f16 bf16 q8_0 q4_0 affine_q4; do
  echo "== $w"
  $b/flashmlp run --weights $w --batch 16,64,256 --reps 10 --check-rows 1 2>&1 |
    grep -E "^ +[0-9]+ |FAIL|flashmlp:" | cut -c1-110
done
