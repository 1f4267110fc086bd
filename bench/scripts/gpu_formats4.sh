#!/bin/bash
# On the GPU machine, with a build in $1 and an output folder $2: block-format stream sweeps
# at B=1, the PTX of the Q4_0 stream kernel, then the formats benchmark (floors measured in
# the same run, CLBlast chain alongside).
b=$1; out=$2
row() { grep -E "^ +[0-9]+ |fmlp_|FAIL|flashmlp:" | cut -c1-150; }
for w in q4_0 q8_0 affine_q3 affine_q8; do
  for s in "wgs=256 kl=16 ti=32 bt=1 xc=512" "wgs=256 kl=16 ti=32 bt=1 xc=4096" \
           "wgs=256 kl=32 ti=64 bt=1 xc=1024" "wgs=256 kl=32 ti=32 bt=1 xc=4096" \
           "wgs=128 kl=16 ti=32 bt=1 xc=4096" "wgs=512 kl=32 ti=64 bt=1 xc=2048"; do
    echo "-- $w B=1 $s"
    FLASHMLP_OVERRIDES="strategy=stream $s" $b/flashmlp run --weights $w --batch 1 --reps 20 \
      --check-rows 1 --profile 2>&1 | row
  done
done
FLASHMLP_CACHE_DIR=$out/cache FLASHMLP_OVERRIDES="strategy=stream wgs=256 kl=16 ti=32 bt=1 xc=4096" \
  $b/flashmlp run --weights q4_0 --batch 1 --reps 2 --check-rows 1 > /dev/null 2>&1
ls -la $out/cache | head
