#!/bin/bash
# Seventh session, first call: (1) affine_q3 loaded raw (decoded at the local store) against
# the old build that decoded it at the load (commit c4ced65, built in $OLD), and with iw=1;
# (2) the affine zero points' row sums from local memory (new default) against the mma
# against a column of ones (-DMMA_XSUM_MMA=1) and iw=0, at B=64 and 256, with the database's
# tiles and q4_0's B=256 tile; fp32 beside. flashmlp run, 9 reps, median, alternating, twice.
# Then the q3 tune (mmav at B=16, mma at 64/256). $1: output folder; builds in $BUILD, $OLD.
o=$1; b=${BUILD:-/tmp/bf}; old=${OLD:-/tmp/bo}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
one() { # one <build> <weights> <B> <overrides> <tag> [build options]
  FLASHMLP_BUILD_OPTIONS="$6" FLASHMLP_OVERRIDES="$4" $1/flashmlp run --weights $2 --batch $3 \
    --reps 9 --check-rows 2 2>&1 |
  awk -v w=$2 -v t="$5" '$1 ~ /^[0-9]+$/ && NF > 5 {print w, $1, t, $2 * 1000, "us err", $5}'; }
Q3_64="strategy=mma mt=64 nt=64 kt=16 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=16 order=0 dorder=0"
Q3_256="strategy=mma mt=64 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=64 dkt=32 dwm=4 dwn=2 splits=2 order=0 dorder=0"
for r in 1 2; do
  for B in 16 64 256; do
    one $old affine_q3 $B "" old-db; one $b affine_q3 $B "" new-db
  done
  one $b affine_q3 64 "$Q3_64 iw=1" new-iw1; one $b affine_q3 256 "$Q3_256 iw=1" new-iw1
  for B in 16 64 256; do one $b f32 $B "" db; done
done > $o/q3.txt 2>&1
M="strategy=mma order=0 dorder=0"
declare -A T
T[affine_q2,64]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=16"
T[affine_q2,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=32 dwm=2 dwn=2 splits=4"
T[affine_q4,64]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=128 dkt=16 dwm=2 dwn=2 splits=16"
T[affine_q4,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=16 dwm=4 dwn=2 splits=2"
T[affine_q8,64]="${T[affine_q4,64]}"
T[affine_q8,256]="$M mt=64 nt=64 kt=32 wm=2 wn=2 dmt=128 dnt=64 dkt=16 dwm=2 dwn=2 splits=4"
Q40="$M mt=64 nt=64 kt=32 wm=1 wn=4 dmt=128 dnt=128 dkt=32 dwm=2 dwn=4 splits=2"
for r in 1 2; do
  for B in 64 256; do
    for w in affine_q2 affine_q4 affine_q8; do
      one $b $w $B "${T[$w,$B]} iw=0" iw0
      one $b $w $B "${T[$w,$B]} iw=1" iw1-local
      one $b $w $B "${T[$w,$B]} iw=1" iw1-ones -DMMA_XSUM_MMA=1
      [ $B = 256 ] && one $b $w $B "$Q40 iw=1" q40tile-iw1-local
    done
    one $b f32 $B "" db
  done
done > $o/xsum.txt 2>&1
$b/tests/test_ops --filter 'ops/mma_integer_weights' > $o/test-iw.txt 2>&1
$b/flashmlp-tune --weights affine_q3 --batch 16,64,256 --strategies mmav,mma --total-budget 170 \
  --try "$Q3_64 iw=1" --try "$Q3_256 iw=1" --out $o/q3.db > $o/tune-q3.log 2>&1
cat $o/gpu.txt; sort -k1,1 -k2,2n -k3,3 $o/q3.txt $o/xsum.txt | awk '{k=$1" "$2" "$3; v[k]=v[k]" "$4} END {for (k in v) print k, v[k]}' | sort
tail -1 $o/test-iw.txt; grep -h -A3 'tuned ms' $o/tune-q3.log | grep -v "^ \|^$"
