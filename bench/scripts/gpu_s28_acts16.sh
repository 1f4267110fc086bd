#!/bin/bash
# Twenty-eighth session, call 7 (H200): call 6's tile for 16-bit activations (flashmlp-tune
# --acts f16 at B=256 chose mma mt=128 nt=112 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2
# splits=2 hp=1 for both q4_0, 1.22x, and f16 weights, 1.14x over the shipped entries) against
# the shipped entries through flashmlp-bench: every weight format with f16 activations at
# B = 256 and 512 (the entries' range 129-512), q4_0 and f16 with bf16 activations at 256, and
# q4_0 and f16 with f16 activations at 128 (the range below), one round each (iw=1 for the
# block formats, 0 for the others, as each format's tuned and shipped tiles have it).
# Prediction (written before the call): 1.05-1.25x for every format at 256-512 with f16 and
# bf16 activations (the shipped tiles were tuned with fp32 x); at 128 0.95-1.10x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T="strategy=mma mt=128 nt=112 kt=16 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 order=0 dorder=0 na=0 hp=1 se=1"
for w in f32 f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  case $w in f32|f16|bf16) iw=0 ;; *) iw=1 ;; esac
  RT=90 R a16-$w-entry "" --shapes llama3-8b --batch 256,512 --weights $w --acts f16
  RT=90 R a16-$w-tile "$T iw=$iw" --shapes llama3-8b --batch 256,512 --weights $w --acts f16
done
for w in q4_0 f16; do
  case $w in f16) iw=0 ;; *) iw=1 ;; esac
  R bf-$w-entry "" --shapes llama3-8b --batch 256 --weights $w --acts bf16
  R bf-$w-tile "$T iw=$iw" --shapes llama3-8b --batch 256 --weights $w --acts bf16
  R b128-$w-entry "" --shapes llama3-8b --batch 128 --weights $w --acts f16
  R b128-$w-tile "$T iw=$iw" --shapes llama3-8b --batch 128 --weights $w --acts f16
done
gpu_summary
