#!/bin/bash
# Seventeenth session: mmaq's quantized runs laid out for fewer loads. A lane took its two B
# words (t and 4 + t) and, for each of its two C columns, the run's scale and sum as separate
# 4-byte loads (six a batch tile a run, against gate/up's eight for weights and scales of two
# rows of two matrices); now words t and 4 + t sit side by side and scale and sum too: three
# 8-byte loads. Old build (OLD, 591607d) and new alternate, two rounds, flashmlp-bench burst,
# every block format with int8 at B = 16 and 64 (mmaq's entries), then one profile each.
# Prediction: 3-8% at B=16 (q4_0+int8 127 -> 117-123 us), less at 64.
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
