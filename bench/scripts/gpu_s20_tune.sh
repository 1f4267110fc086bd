#!/bin/bash
# Twentieth session, call 5 (H200). Call 4 (h200-s20-gaps) measured every format at B = 2, 4, 8,
# 32, 128, 512 for the first time: cells below fp32 were exact affine_q3 at B = 2-32
# (0.69-0.76x) and affine_q8 (0.86-0.89x), both on nvidia-sm_90.db's mmav tiles without iw;
# affine_q3+int8 at 32 (0.68x) and affine_q8+int8 at 32 (0.86x); exact q8_0 and q4_0 at 128
# (0.95x, 0.97x). (affine_q3+int8 at B = 2-8 was tuned in call 4: 2.9-5.8x.)
# The tuner for each, the shipped choice in the same run.
# Prediction (written before the call): exact affine_q3/q8 at B = 2-8 on the stream kernel with
# a small batch tile or mmav with iw=1 at 1.0-1.3x fp32 (120-170 us); at B=32 mmav/mma tiles
# 1.0-1.2x fp32 (300-360 us); the int8 pair at 32 on mmaq 1.3-1.6x fp32 (230-280 us, as q4_0's
# 243); q8_0/q4_0 at 128 1.05-1.15x over the shipped (fp32's 1045 us or better).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/ovl
T() { # name budget args...
  local n=$1 t=$2; shift 2
  timeout -s INT $((t + 15)) $b/flashmlp-tune --shape 4096x14336 --total-budget $t \
    --out $o/ovl/$n.db "$@" > $o/tune-$n.log 2>&1
}
T exact-b2-8 165 --batch 2,4,8 --weights affine_q3,affine_q8 --strategies stream,mmav
T int8-b32 85 --batch 32 --weights affine_q3,affine_q8 --precision int8 --strategies mmaq,stream,mmav
T exact-b32 85 --batch 32 --weights affine_q3,affine_q8 --strategies mmav,mma
T exact-b128 85 --batch 128 --weights q8_0,q4_0 --strategies mma
cat $o/gpu.txt
for f in $o/ovl/*.db; do echo "== $f"; grep -h "^# B=\|^entry" $f | cut -c1-300; done
