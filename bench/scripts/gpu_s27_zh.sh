#!/bin/bash
# Twenty-seventh session, call 2 (H200): (1) the rates of the conversions fp16 pairs take
# (flashmlp-mmaprobe's new cvt_probe kinds: cvt.rn.f16x2.f32, cvt.f32.f16, add.rn.f16x2, and
# fma.rn.f32 for reference), after call 1 measured mmav's hp 1.18-1.24x slower for fp32 at B=16
# with half the tensor-core instructions: its split of every weight takes one cvt.rn.f16x2.f32
# a weight, which at 16 a clock a compute unit would cost the 40 us it lost. (2) HP_ZH: the hp
# iw builds of the affine formats (FMLP_IZ) formed 1024 + z for every four weights staged by a
# conversion from f16 to fp32 and back (cvt.f32.f16, add, cvt.rn.f16x2.f32); now one f16x2 add
# of the zero point's bits. Same build, -DHP_ZH=0 (the old path) against the default, two rounds
# alternating, affine formats at B = 128, 256, 512 with q4_0 and f32 beside them. (3) f16 at
# B=32 with mmav's hp (call 1: 221.2 -> 207.4 us), two rounds.
# Prediction (written before the call): the f16x2 pack at a quarter of the FMA rate or less;
# HP_ZH 1.01-1.03x for the affine formats at 128-512, q4_0 and f32 level; f16 B=32 hp 1.04-1.08x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
timeout 60 $b/flashmlp-mmaprobe --runs 10 --iters 2048 > $o/probe.txt 2>&1
cat $o/probe.txt
for r in 1 2; do
  FLASHMLP_BUILD_OPTIONS=-DHP_ZH=0 RT=120 R zh0-$r "" --shapes llama3-8b --batch 128,256,512 \
    --weights affine_q2,affine_q3,affine_q4,affine_q8
  RT=120 R zh1-$r "" --shapes llama3-8b --batch 128,256,512 --weights affine_q2,affine_q3,affine_q4,affine_q8
  R ref-$r "" --shapes llama3-8b --batch 256 --weights f32,q4_0
  R f16-32-entry$r "" --shapes llama3-8b --batch 32 --weights f16
  R f16-32-hp$r "hp=1" --shapes llama3-8b --batch 32 --weights f16
done
gpu_summary
