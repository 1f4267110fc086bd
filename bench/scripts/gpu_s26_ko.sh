#!/bin/bash
# Twenty-sixth session, call 1 (H200): where the hp gate/up kernel's time goes at B=256, by
# knock-outs (bench/scripts/ko_mma.patch, applied to the snapshot only; FMLP_KO bits through
# FLASHMLP_BUILD_OPTIONS): 1 x staged without its k-tile maxima and split (a plain copy),
# 2 weights staged as loaded (no decode or split), 4 the flush without scales, 8 no mma (the
# fragments still read), 16 no weight loads. Shipped entries (nvidia-h200.db), Llama-3-8B,
# B=256, flashmlp run --profile (5 reps, median; the gate/up kernel's time read from the
# profile). Outputs of knocked-out kernels are wrong by design.
# Prediction (written before the call): gate/up f32 about 900 us, the block formats 800-900;
# KO 1 saves 10-20% in every format, KO 2 5-15% (affine_q3 most, f32 about 10%), KO 4 3-8%
# (the iw formats more than f32), KO 8 20-30%, KO 16 5-15%.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for w in f32 affine_q3 q4_0; do
  for ko in 0 1 2 4 8 16 7; do
    FLASHMLP_BUILD_OPTIONS=-DFMLP_KO=$ko timeout 90 $b/flashmlp run --batch 256 --weights $w \
      --reps 5 --profile > $o/ko-$w-$ko.log 2>&1
    echo "$w ko=$ko $(grep -m1 ' 256 ' $o/ko-$w-$ko.log | awk '{print $2}') ms; $(grep fmlp_mma_gateup $o/ko-$w-$ko.log | awk '{print $2}') us gateup; $(grep fmlp_mma_down $o/ko-$w-$ko.log | awk '{print $2}') us down" | tee -a $o/summary.txt
  done
done
cat $o/gpu.txt
