#!/bin/bash
# Sixteenth session, H100: affine_q8 with int8 dot products at B=1 took 135.0 us in the H100
# formats record (h100-s16-record) with the arch file's plan (sm_90.db:50), where the same plan
# took 81.5-83.8 us in the twelfth session (h100-s12-ps) and 59.6 on the H200 this session.
# Which kernel grew: profiles of the shipped plan, with ps=0, and with the H200's tuned shape;
# then the tuner for that cell on this card. Prediction: the stream kernel, not the reduction;
# the H200's shape near 60-65 us here.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
export REPS=9
ship=$(plan affine_q8 1 "--precision int8")
echo "shipped: $ship" > $o/prof.txt
prof affine_q8 1 shipped "" "--precision int8" >> $o/prof.txt 2>&1
prof affine_q8 1 ps0 "$(with_params "$ship" "ps=0")" "--precision int8" >> $o/prof.txt 2>&1
prof affine_q8 1 h200 "strategy=stream wgs=1024 kl=8 ti=128 bt=1 vw=1 xc=4096 ch=0 dp=1 cu=4 re=16 rg=8 xv=4 fr=0 pb=1 dl=0 ps=1" "--precision int8" >> $o/prof.txt 2>&1
prof affine_q8 1 exact "" "" >> $o/prof.txt 2>&1
mkdir -p $o/ovl
timeout -s INT 80 $b/flashmlp-tune --weights affine_q8 --precision int8 --batch 1 --strategies stream \
  --total-budget 60 --out $o/ovl/s16-h100-q8.db > $o/tune.log 2>&1
cat $o/gpu.txt; cut -c1-300 $o/prof.txt
grep -A3 "^shape (formats)" $o/tune.log | grep -v "^ *B=\|baselines\|^$" | cut -c1-250
