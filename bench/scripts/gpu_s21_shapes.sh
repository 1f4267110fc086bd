#!/bin/bash
# Twenty-first session, call 2. The block formats at B = 2-4 with the new nvidia-sm_90.db
# entries (stream plans with 2 or 4 batch rows, Llama-3-8B), on whichever card comes:
# (1) Llama-3-8B at B = 2, 3, 4, every block format exact and int8 with fp32, as shipped now
#     (B=3 takes the 4-row plan, never measured there);
# (2) on an H200 only: q4_0, whose H200 file keeps its own entries (exact mmav at B = 2-32, int8
#     a 4-row stream plan at B=2), against the new plans as overrides;
# (3) the other shapes (Qwen2.5-7B, Gemma-2B, the 70B shard, GPT-2) at B = 2 and 4: shipped
#     (shape-less entries) against the same plans as overrides, exact and int8;
# a second round of (2) and (3) while time is left.
# Predictions: (1) every block format at or above fp32 at B = 2-4, B=3 within 5% of B=4's time;
# (2) on an H200, exact q4_0 141 -> 70-80 us at B=2, 142 -> 105-115 at B=4; q4_0+int8 66 ->
#     45-52 at B=2, 78 -> 55-60 at B=4; (3) exact 1.3-2x at B=2 on Qwen, Gemma and the shard,
#     1.1-1.4x at B=4; int8 the same direction for the 2- and 4-bit formats; GPT-2 (weights from
#     L2, 2-7 MB) level or slower.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
t0=$(date +%s)
T() { echo "$(( $(date +%s) - t0 )) $*" >> $o/times.txt; }
R() { # name overrides bench-args...
  local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout 90 $b/flashmlp-bench --impl flashmlp --reps 10 --budget 0.25 \
    --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1
}
S2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
S4="strategy=stream wgs=256 kl=16 ti=64 bt=4 vw=1 xc=512 cu=4 re=16 rg=16 xv=4"
Q2="strategy=stream wgs=256 kl=16 ti=64 bt=2 vw=1 xc=2048 dp=1 cu=4 re=16 rg=32 xv=4 pb=0 dl=1 ps=1"
Q4="strategy=stream wgs=256 kl=8 ti=64 bt=4 vw=1 xc=1024 dp=1 cu=4 re=16 rg=16 xv=4 pb=1 dl=0 ps=1"
ALL=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
R llama-b234 "" --shapes llama3-8b --batch 2,3,4 --weights f32,$ALL --precision exact,int8
T "llama b2-4"
h200=0; grep -q H200 $o/gpu.txt && h200=1
for r in 1 2; do
  if [ $h200 = 1 ]; then
    R q4-shipped-r$r "" --shapes llama3-8b --batch 2,4 --weights q4_0 --precision exact,int8
    R q4-ex2-r$r "$S2" --shapes llama3-8b --batch 2 --weights q4_0
    R q4-ex4-r$r "$S4" --shapes llama3-8b --batch 4 --weights q4_0
    R q4-i2-r$r "$Q2" --shapes llama3-8b --batch 2 --weights q4_0 --precision int8
    R q4-i4-r$r "$Q4" --shapes llama3-8b --batch 4 --weights q4_0 --precision int8
    T "q4_0 round $r"
  fi
  for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
    [ $(( $(date +%s) - t0 )) -gt 430 ] && break
    R $s-shipped-r$r "" --shapes $s --batch 2,4 --weights f32,$ALL --precision exact,int8
    R $s-ex2-r$r "$S2" --shapes $s --batch 2 --weights $ALL
    R $s-ex4-r$r "$S4" --shapes $s --batch 4 --weights $ALL
    R $s-i2-r$r "$Q2" --shapes $s --batch 2 --weights $ALL --precision int8
    R $s-i4-r$r "$Q4" --shapes $s --batch 4 --weights $ALL --precision int8
    T "$s round $r"
  done
done
cat $o/gpu.txt $o/times.txt
for f in $o/llama-b234.csv $o/q4-*.csv; do
  [ -f $f ] || continue
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
