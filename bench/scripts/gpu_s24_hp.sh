#!/bin/bash
# Twenty-fourth session, call 2 (H200): mma's hp=1 (fp16 pairs: three f16 m16n8k16 for 16
# inputs where 3xTF32 takes six tf32 m16n8k8; x and h split once at staging, weight rows scaled
# at pack time). Call 1 (s24-probe) measured f16 m16n8k16 at tf32 m16n8k8's instruction rate.
# (1) correctness on the card: flashmlp run, Llama-3-8B B = 64 and 4096, and an odd shape
#     (H=4100, I=14340; B = 37, 300) on hp tiles, with hp=0 on the same tiles for the error;
# (2) fp32 Llama-3-8B on the shipped mma entries with and without hp=1 (the override key alone),
#     B = 64, 128, 256, 1024, 4096, two rounds alternating; B=64 profiled (kernel split).
# Prediction: errors of the same order as 3xTF32's (1e-7 relative); the mma kernels 1.15-1.35x
# faster: B=64 476 -> 360-420 us (issue 3's 1.3x floor: 455 us), B=4096 49 -> 57-66 TFLOP/s.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T64="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=32 dwm=2 dwn=2 splits=8"
TO="strategy=mma mt=32 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=64 dkt=64 dwm=2 dwn=2 splits=3"
for hp in 0 1; do
  FLASHMLP_OVERRIDES="hp=$hp" timeout 120 $b/flashmlp run --batch 64,4096 --check-rows 8 --reps 3 \
    > $o/run-llama-hp$hp.txt 2>&1
  FLASHMLP_OVERRIDES="$TO hp=$hp" timeout 60 $b/flashmlp run --hidden 4100 --intermediate 14340 \
    --batch 37,300 --check-rows 16 --reps 3 > $o/run-odd-hp$hp.txt 2>&1
  FLASHMLP_OVERRIDES="hp=$hp" timeout 60 $b/flashmlp run --batch 64 --reps 5 --profile \
    > $o/prof64-hp$hp.txt 2>&1
done
RT=120
for r in 1 2; do
  R f32-hp0-r$r "hp=0" --shapes llama3-8b --batch 64,128,256,1024,4096 --weights f32
  R f32-hp1-r$r "hp=1" --shapes llama3-8b --batch 64,128,256,1024,4096 --weights f32
done
tail -n 4 $o/run-*.txt
grep -h "ms\|us" $o/prof64-*.txt | head -20
gpu_summary
