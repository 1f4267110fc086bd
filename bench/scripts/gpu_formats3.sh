#!/bin/bash
# On the GPU machine (after `source .gpu/env.sh`), with a build in $1: the Llama-3-8B SwiGLU
# MLP in each weight format. First the databases' choice at B = 1, 16, 256 with kernel
# profiles, then stream-kernel parameter sweeps at B = 1 (and batch tiles at B = 16): the
# block formats' whole-block loops and the 16-bit formats' 16-byte loads.
b=$1
row() { grep -E "^ +[0-9]+ |fmlp_|FAIL|flashmlp:" | cut -c1-160; }
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  echo "== $w databases"
  $b/flashmlp run --weights $w --batch ${DB_BATCHES:-1,16,256} --reps 10 --check-rows 1 --profile 2>&1 | row
  case $w in
    f32) continue ;;
    f16|bf16) sweeps=${SWEEP16:-"wgs=256,kl=16,ti=32,bt=1,vw=8,xc=4096
      wgs=256,kl=32,ti=32,bt=1,vw=8,xc=1024 wgs=512,kl=16,ti=64,bt=1,vw=8,xc=1024
      wgs=256,kl=16,ti=32,bt=1,vw=4,xc=4096"} ;;
    *) sweeps=${SWEEPQ:-"wgs=256,kl=16,ti=32,bt=1,xc=512 wgs=256,kl=32,ti=64,bt=1,xc=1024
      wgs=512,kl=16,ti=64,bt=1,xc=512 wgs=256,kl=16,ti=128,bt=1,xc=512
      wgs=1024,kl=32,ti=128,bt=1,xc=1024"} ;;
  esac
  for s in $sweeps; do
    ov="strategy=stream ${s//,/ }"
    echo "-- B=1 $ov"
    FLASHMLP_OVERRIDES="$ov" $b/flashmlp run --weights $w --batch 1 --reps 20 --check-rows 1 --profile 2>&1 | row
  done
  for bt in ${BTS:-8 16}; do
    ov="strategy=stream wgs=256 kl=16 ti=32 bt=$bt vw=8 xc=512"
    echo "-- B=16 $ov"
    FLASHMLP_OVERRIDES="$ov" $b/flashmlp run --weights $w --batch 16 --reps 10 --check-rows 1 2>&1 | row
  done
done
