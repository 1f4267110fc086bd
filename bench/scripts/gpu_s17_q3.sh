#!/bin/bash
# Seventeenth session: AFFINE_Q3 regrouped on the device (cl/pack.cl: four fields a word, 1-4
# logic ops a group) and its new integer dot-product path. The old build (OLD, the commit before)
# and the new one alternate in one call, two rounds, flashmlp-bench burst, shipped databases;
# q4_0 rides along as a control (its code did not change). Then the tuner for affine_q3+int8 at
# B=1 (no entry of its own: it takes the exact q3 shapes of nvidia-sm_90.db).
# Prediction: exact affine_q3 level within 3% at B = 1, 16, 64, 256 (the old decode was a shift
# and a mask a field with a funnel shift for 2 groups of 8; the new is the same for groups 0-5,
# two more ops for 6-7); affine_q3+int8 at B=1 about 38 us on the default plan and 31-33 us
# tuned (1.6x its 19.7 us floor; affine_q4+int8 is 36.5 on 110 MB, affine_q2+int8 27.3 on 66 MB,
# q3 has 88 MB), against 54.2 exact.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
ab() { # ab <build> <tag>
  timeout 150 $1/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16,64,256 \
    --weights affine_q3,q4_0 --precision exact,int8 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/ab-$2.csv --no-plot > $o/ab-$2.log 2>&1
}
for r in 1 2; do ab $bo old$r; ab $b new$r; done
mkdir -p $o/ovl
timeout -s INT 130 $b/flashmlp-tune --weights affine_q3 --precision int8 --batch 1 \
  --strategies stream --total-budget 110 --out $o/ovl/s17-q3-int8.db > $o/tune-q3i8.log 2>&1
cat $o/gpu.txt
for f in $o/ab-*.csv; do
  echo "== $(basename $f)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["floor_us"], $h["check"]}' | head -20
done
grep -E "^== |shipped databases choose|^  B=|^candidates|^wrote" $o/tune-q3i8.log | cut -c1-230
