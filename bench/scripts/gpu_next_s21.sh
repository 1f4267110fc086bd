#!/bin/bash
# For the next session (not run: the twentieth session's device time ran out). Two checks the
# twentieth session's findings point at, each an override of a measured plan against the shipped
# choice, two rounds alternating, fp32 in every run.
# (1) The exact block formats at B = 2 and 4 on the stream kernel. The exact affine_q8 plan at
# B=2 (stream, batch tile 2) took 86.0 us on the H200 where q8_0's mmav plan, for about the
# same bytes, takes 158 us, and q4_0/affine_q2/affine_q4 141-155 us (h200-s20-check). The same
# stream shapes for q8_0, q4_0, affine_q2, affine_q4 (named whole, one batch per process, since an
# override goes onto every batch's entry).
# (2) affine_q3+int8 and exact affine_q3/affine_q8 at B = 2-8 on the other shapes (Qwen2.5-7B,
# Gemma-2B, the 70B shard, GPT-2), which still take nvidia-sm_90.db's shape-less mmav tile: the
# Llama-3-8B plans of the twentieth session as overrides.
# Prediction: (1) q8_0 B=2 158 -> 85-95 us, q4_0 and affine_q2/q4 141-155 -> 60-80; B=4 1.2-1.5x.
# (2) affine_q3+int8 2.5-5x at B = 2-8 on every shape, exact affine_q3/q8 1.5-3x at B = 2-4.
# If they hold, the entries go into nvidia-sm_90.db shape-less (Llama's rows of the H100 too).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
S2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
S4="strategy=stream wgs=256 kl=16 ti=64 bt=4 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
Q2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=2048 dp=1 cu=4 re=16 rg=32 xv=4 pb=0 dl=1 ps=1"
Q4="strategy=stream wgs=256 kl=8 ti=64 bt=4 vw=1 xc=1024 dp=1 cu=4 re=16 rg=16 xv=4 pb=1 dl=0 ps=1"
Q8="strategy=stream wgs=256 kl=8 ti=64 bt=8 vw=1 xc=512 dp=1 cu=4 re=16 rg=16 xv=4 pb=1 dl=0 ps=1"
R() { # name overrides bench-args...
  local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --impl flashmlp --reps 10 --budget 0.25 \
    --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1
}
for r in 1 2; do
  for B in 2 4; do
    ov=$S2; [ $B = 4 ] && ov=$S4
    R ex$B-shipped-r$r "" --shapes llama3-8b --batch $B --weights f32,q8_0,q4_0,affine_q2,affine_q4
    R ex$B-stream-r$r "$ov" --shapes llama3-8b --batch $B --weights q8_0,q4_0,affine_q2,affine_q4
  done
  for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
    R $s-q3-shipped-r$r "" --shapes $s --batch 2,4,8 --weights f32,affine_q3 --precision exact,int8
    R $s-q3i2-r$r "$Q2" --shapes $s --batch 2 --weights affine_q3 --precision int8
    R $s-q3i4-r$r "$Q4" --shapes $s --batch 4 --weights affine_q3 --precision int8
    R $s-q3i8-r$r "$Q8" --shapes $s --batch 8 --weights affine_q3 --precision int8
    R $s-ex2-r$r "$S2" --shapes $s --batch 2 --weights affine_q3,affine_q8
    R $s-ex4-r$r "$S4" --shapes $s --batch 4 --weights affine_q3,affine_q8
  done
done
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
