#!/bin/bash
# Twenty-first session, call 3: the shipped databases after the B = 2-4 stream entries.
# (1) Llama-3-8B at B = 2, 3, 4, every block format exact and int8 with fp32, as shipped.
# (2) On an H200 only: q4_0, whose own H200 entries (exact mmav at B = 2-32, int8 a 4-row stream
#     plan at B=2) still come before the new entries, against the new plans as overrides.
# (3) Qwen2.5-7B, Gemma-2B, the 70B shard and GPT-2 at B = 2 and 4 as shipped, with fp32.
# (4) GPT-2 (not in the new entries: a plain MLP) at B=2 on the new plans as overrides.
# Predictions: (1) every block format above fp32 at B = 2-4 on either card; on an H200 about
#     0.55-0.65x of the H100's times (bandwidth 4.8 against 3.35 TB/s); (2) exact q4_0 at B=2
#     141 -> 65-75 us, B=4 142 -> 100-110; int8 66 -> 40-48 (B=2), 78 -> 48-55 (B=4);
#     (3) every block format row above fp32; (4) GPT-2 at B=2: the stream plans level or
#     slower than its mmav tiles (its 48-slice grids).
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
T "llama"
if grep -q H200 $o/gpu.txt; then
  R q4-shipped "" --shapes llama3-8b --batch 2,4 --weights q4_0 --precision exact,int8
  R q4-ex2 "$S2" --shapes llama3-8b --batch 2 --weights q4_0
  R q4-ex4 "$S4" --shapes llama3-8b --batch 4 --weights q4_0
  R q4-i2 "$Q2" --shapes llama3-8b --batch 2 --weights q4_0 --precision int8
  R q4-i4 "$Q4" --shapes llama3-8b --batch 4 --weights q4_0 --precision int8
  T "q4_0"
fi
for s in gpt2 gemma-2b llama3-70b-tp8 qwen2.5-7b; do
  R $s "" --shapes $s --batch 2,4 --weights f32,$ALL --precision exact,int8
  T "$s"
done
R gpt2-ex2 "$S2" --shapes gpt2 --batch 2 --weights $ALL
R gpt2-i2 "$Q2" --shapes gpt2 --batch 2 --weights $ALL --precision int8
T "gpt2 overrides"
cat $o/gpu.txt $o/times.txt
for f in $o/*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s%s; ", $h["weights"], $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')" | cut -c1-400
done
