#!/bin/bash
# On the GPU machine, with a build in $1: B=1 burst-timed (flashmlp-bench) with the shipped
# tile (fused reduction where the database has fr=1) and the same tile with fr=0.
b=$1
for w in f32 q8_0 q4_0 q8_0+int8 q4_0+int8 affine_q4+int8; do
  fmt=${w%+int8}; pr=exact; [ $fmt != $w ] && pr=int8
  base=$($b/flashmlp run --batch 1 --weights $fmt --precision $pr --reps 1 --check-rows 1 2>&1 |
         grep -o "strategy=stream[^(]*" | head -1 | sed "s/ fr=[0-9]*//; s/ *$//")
  for fr in 1 0; do
    printf "%-16s fr=%s " $w $fr
    $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1 --weights $fmt --precision $pr \
      --impl flashmlp --reps 15 --flashmlp-overrides "$base fr=$fr" --no-plot 2>&1 |
      grep -E "^llama3-8b +swiglu +1 flashmlp" | awk '{print $7, $NF}' | head -1
  done
done
