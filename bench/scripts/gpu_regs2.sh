#!/bin/bash
# On the GPU machine, with a build in $1: block-format stream shapes with one unit per thread
# (fewer registers, so that all 448 work-groups of the Llama shape are resident at once).
b=$1
export FLASHMLP_CACHE=off FLASHMLP_BUILD_OPTIONS="-cl-nv-verbose"
for w in q4_0 affine_q3 q8_0; do
  for s in "wgs=256 kl=8 ti=32 bt=1 xc=4096" "wgs=128 kl=4 ti=32 bt=1 xc=4096" \
           "wgs=512 kl=16 ti=32 bt=1 xc=4096" "wgs=1024 kl=32 ti=32 bt=1 xc=4096"; do
    echo "-- $w $s"
    o=$(FLASHMLP_OVERRIDES="strategy=stream $s" $b/flashmlp run --weights $w --batch 1 --reps 20 \
      --check-rows 1 --profile --build-log 2>&1)
    echo "$o" | grep -A3 "entry function 'fmlp_stream" | grep Used
    echo "$o" | grep -E "^ +1 |fmlp_|flashmlp:" | cut -c1-110
  done
done
