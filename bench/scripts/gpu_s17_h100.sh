#!/bin/bash
# Seventeenth session, H100: mmaq there for the first time. (1) The suite's mmaq, q3-regrouped and
# int8 stream tests on the real tensor cores (emu=0 and emu=1 both run where tensor cores exist).
# (2) The H200's q4_0+int8 B=16 mmaq plan profiled, to see its gate/up and down kernels apart.
# (3) The tuner over mmaq: q4_0+int8 at B = 16, 32, 64, the other block formats at 16, against
# the H100's shipped plans (mmav on exact fields at 16, mma at 64).
# Prediction: tests pass; the gate/up kernel about two thirds of the MLP's time; mmaq 1.1-1.4x
# over the shipped plans, as on the H200 (the H100's 3.35 TB/s against 4.8 makes the weight
# stream a larger share, so a little less).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
(cd $b/tests && timeout 200 ./test_ops --filter 'ops/mmaq*' -j4 > $o/test-mmaq.txt 2>&1;
 timeout 200 ./test_ops --filter 'ops/q3_regrouped*' -j4 > $o/test-q3g.txt 2>&1;
 timeout 200 ./test_ops --filter 'ops/stream_int8' -j4 > $o/test-int8.txt 2>&1)
FLASHMLP_OVERRIDES="strategy=mmaq wg=2 kw=2 fb=2 ku=4 dwg=8 dfb=2 dku=2 splits=8" timeout 60 \
  $b/flashmlp run --weights q4_0 --precision int8 --batch 16 --reps 9 --check-rows 2 --profile \
  > $o/profile-q4-b16.txt 2>&1
mkdir -p $o/ovl
timeout -s INT 160 $b/flashmlp-tune --weights q4_0 --precision int8 --batch 16,32,64 \
  --strategies mmaq --total-budget 140 --out $o/ovl/s17-h100-mmaq-q4.db > $o/tune-q4.log 2>&1
timeout -s INT 170 $b/flashmlp-tune --weights q8_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --precision int8 --batch 16 --strategies mmaq --total-budget 150 \
  --out $o/ovl/s17-h100-mmaq-b16.db > $o/tune-b16.log 2>&1
cat $o/gpu.txt; tail -1 $o/test-mmaq.txt $o/test-q3g.txt $o/test-int8.txt
grep -E "fmlp_|^ +16 " $o/profile-q4-b16.txt | head -8
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
