#!/bin/bash
# Seventeenth session, second q3 call. The first (h200-s17-q3) found the regrouped layout 5-9%
# slower for exact affine_q3 at every batch, so exact plans now keep the caller's bit stream
# (the old decode, unchanged) and only int8 plans regroup, with a branch-free decode of groups
# 6 and 7 (an XOR, three ops for every group). Old build (OLD, 428161d) and new alternate, two
# rounds, flashmlp-bench burst, shipped databases (the new one has the q3+int8 B=1 entry).
# Prediction: exact affine_q3 level with the old build (within 2%) at B = 1, 16, 64, 256;
# affine_q3+int8 at B=1 about 32 us (the tuner's 32.0), and at 16/64/256, whose tensor-core
# plans compute exactly on the regrouped layout, 2-6% slower than exact q3 (three ops for a
# group's word where a funnel shift was one) - B=16 then at or just above fp32's 202 us. Then the
# tuner for affine_q3+int8 at B=16 (mmav against the stream kernel's int8 tiles).
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
ab() { # ab <build> <tag> <precision>
  timeout 150 $1/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16,64,256 \
    --weights f32,affine_q3 --precision $3 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/ab-$2.csv --no-plot > $o/ab-$2.log 2>&1
}
for r in 1 2; do ab $bo old$r exact; ab $b new$r exact,int8; done
mkdir -p $o/ovl
timeout -s INT 150 $b/flashmlp-tune --weights affine_q3 --precision int8 --batch 16 \
  --strategies mmav,stream --total-budget 130 --out $o/ovl/s17-q3-int8-b16.db > $o/tune-q3i8-b16.log 2>&1
cat $o/gpu.txt
for f in $o/ab-*.csv; do
  echo "== $(basename $f)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["floor_us"], $h["check"]}' | head -20
done
grep -E "^== |shipped databases choose|^  B=|^candidates|^wrote|^# B=" $o/tune-q3i8-b16.log $o/ovl/*.db | cut -c1-250
