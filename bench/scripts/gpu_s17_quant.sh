#!/bin/bash
# Seventeenth session: mmaq's quantizer rewritten (h100-s17-mmaq's profile: 12.2 us of 141 at
# B=16, one work-item a run reading its 32 values alone; now 8 threads a run, a work-group's
# loads one contiguous 4 KB). Old build (OLD, the commit before) and new alternate, two rounds,
# flashmlp-bench burst, every block format with int8 at B = 16 and 64 on the shipped databases
# (mmaq at 9-64 on this card), then one profile of q4_0+int8 at B=16 with each build.
# Prediction: the quantizer 10-12 -> 2-4 us; the MLP 6-9 us faster at B=16 (q4_0+int8 129 ->
# about 121) and 10-15 at B=64 (380 -> about 368).
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
ab() { # ab <build> <tag>
  timeout 150 $1/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 16,64 \
    --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision int8 \
    --impl flashmlp --reps 10 --budget 0.3 --csv $o/ab-$2.csv --no-plot > $o/ab-$2.log 2>&1
}
for r in 1 2; do ab $bo old$r; ab $b new$r; done
for v in old new; do
  bb=$b; [ $v = old ] && bb=$bo
  timeout 60 $bb/flashmlp run --weights q4_0 --precision int8 --batch 16 --reps 9 --check-rows 2 \
    --profile > $o/profile-$v.txt 2>&1
done
cat $o/gpu.txt
for f in $o/ab-*.csv; do
  echo "== $(basename $f)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {print $h["weights"], $h["B"], $h["time_us"], $h["check"]}' | tr '\n' ';'; echo
done
for v in old new; do echo "== profile $v"; grep -E 'fmlp_|^ +16 ' $o/profile-$v.txt | cut -c1-60; done
