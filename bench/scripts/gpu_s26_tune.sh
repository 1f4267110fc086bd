#!/bin/bash
# Twenty-sixth session, call 3 (H200): the affine cells still behind fp32 (s25-record, s26-w8:
# affine_q3 at 64-512 0.92-1.00x, affine_q4 at 128-256 0.96-0.99x, affine_q2/q8 at 256
# 0.98-0.99x) tuned again on the HP_SCE build, flashmlp-tune 40 s each over the mma strategy,
# the shipped choice timed in the same run. First, ptxas's register and spill lines of the
# shipped B=256 kernels (f32, q4_0, affine_q3), for the notes.
# Prediction (written before the call): 1.00-1.05x over the shipped entries; affine_q3 at 256
# not past fp32.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for w in f32 q4_0 affine_q3; do
  FLASHMLP_CACHE=off timeout 60 $b/flashmlp run --batch 256 --weights $w --reps 3 --build-log \
    > $o/regs-$w.log 2>&1
  echo "$w: $(grep -i 'registers\|spill\|stack' $o/regs-$w.log | tr -s ' ' | head -6 | tr '\n' ' ')" | tee -a $o/summary.txt
done
mkdir -p $o/ovl
for c in affine_q3:64 affine_q3:128 affine_q3:512 affine_q4:128 affine_q4:256 affine_q2:256 affine_q8:256; do
  wt=${c%:*}; bb=${c#*:}
  timeout -s INT 62 $b/flashmlp-tune --shape 4096x14336 --total-budget 40 --batch $bb \
    --weights $wt --strategies mma --out $o/ovl/$wt-b$bb.db \
    --try "strategy=mma mt=64 nt=128 kt=32 wm=2 wn=4 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=4 iw=1 hp=1" \
    --try "strategy=mma mt=128 nt=32 kt=32 wm=4 wn=1 dmt=128 dnt=64 dkt=32 dwm=4 dwn=1 splits=4 iw=1 hp=1" \
    --try "strategy=mma mt=64 nt=64 kt=16 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=8 iw=1 hp=1" \
    > $o/tune-$wt-b$bb.log 2>&1
  echo "$wt b$bb: shipped$(grep -h "shipped databases choose" -A1 $o/tune-$wt-b$bb.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-$wt-b$bb.log | tail -1 | grep -o "best [0-9.]* ms")" | tee -a $o/summary.txt
done
cat $o/gpu.txt
