#!/bin/bash
# Twentieth session, call 1. (1) The read probe with the loads written as PTX ld.global.v4 with
# cache qualifiers (--load): .nc, .L1::no_allocate, .L2::256B / ::128B prefetch sizes, .cs, .lu,
# against plain OpenCL loads, one kernel / two kernels at fp32's, f16's and q4_0's byte counts,
# and in fp32's and f16's stream-kernel row walks. (2) GPT-2 at B=64, the exact block formats
# (the nineteenth session's one regression: 53.6-70.6 us against fp32's new 53.2): flashmlp-bench
# with fp32 in the run, then the tuner over every strategy for them.
# Prediction (written before the call): (1) .L2::256B 1-4% faster than plain at 99-705 MB
# (4.3 -> 4.4-4.45 TB/s one kernel), .nc and .L1::no_allocate level (+-1%), .cs/.lu level or
# slower; if any variant gains 2% or more, it goes into the library's weight loads. (2) a plan
# at 35-50 us for each exact block format (1.05-1.5x fp32), from mma or mmav tiles with iw=1.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
L=plain,nc,nc-na,l2-256,nc-na-256,nc-256,l2-128,na,cs,lu
timeout 60 $b/flashmlp-readprobe --sizes 704.6,352.3,99.1 --runs 30 --load $L > $o/probe.txt 2>&1
timeout 40 $b/flashmlp-readprobe --sizes 469.8 --runs 30 --rows 16:1:4 --load $L > $o/rows-f32.txt 2>&1
timeout 40 $b/flashmlp-readprobe --sizes 234.9 --runs 30 --row-bytes 8192 --rows 16:1:4 --load plain,nc-na,l2-256,nc-na-256 > $o/rows-f16.txt 2>&1
Q=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
timeout 90 $b/flashmlp-bench --shapes gpt2 --batch 64 --weights f32,$Q --impl flashmlp --reps 10 \
  --budget 0.25 --csv $o/gpt2-64.csv --no-plot > $o/gpt2-64.log 2>&1
mkdir -p $o/ovl
timeout -s INT 230 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --batch 64 \
  --weights $Q --total-budget 210 --out $o/ovl/gpt2-64.db > $o/tune-gpt2-64.log 2>&1
cat $o/gpu.txt
grep -h "loads:\|^| [0-9]" $o/probe.txt | awk '/loads/ {printf "\n%s ", $2; next} {printf "%s:%s/%s ", $2, $8, $12}'
echo
grep -h "^| 16" $o/rows-*.txt | cut -c1-80
grep -v '^#' $o/gpt2-64.csv | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
  {printf "%s/%s %s %s; ", $h["weights"], $h["B"], $h["time_us"], $h["check"]} END {print ""}'
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
