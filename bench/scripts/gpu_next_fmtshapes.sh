#!/bin/bash
# For the next session (not run): the rest of gpu_s19_fmtshapes.sh, cut short when the
# nineteenth session's device time ran out, and a tune for the one cell it left below fp32.
# (1) Every format on Qwen2.5-7B (B = 64, 256) and the 70B shard (B = 16, 128, 256), whose fp32
# entries the nineteenth session made 1.05-1.30x faster, against those fp32 entries in the same
# run. (2) GPT-2 at B=64: fp32 now takes 53.2 us (stream kernel, 8 batch rows a pass) and the
# exact block formats' plans took 53.6-70.6 in the eighteenth session's call; the tuner over every
# strategy for them, with fp32's time in the same run.
# Prediction: (1) every int8 row faster than fp32; exact rows 0.9-1.5x of fp32 (Qwen's B=64 cells
# on the untuned shape-less tiles the slowest, about 0.95x). (2) a plan at 35-50 us for each
# exact block format (1.05-1.5x fp32), from the mma or mmav tiles with iw=1.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
ALL=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
Q=q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
B() { # name shape batches weights [precision]
  timeout 90 $b/flashmlp-bench --shapes $2 --batch $3 --weights $4 --precision ${5:-exact} \
    --impl flashmlp --reps 10 --budget 0.25 --csv $o/$1.csv --no-plot > $o/$1.log 2>&1
}
B qwen qwen2.5-7b 64,256 $ALL
B qwen-int8 qwen2.5-7b 64,256 $Q int8
B shard llama3-70b-tp8 16,128,256 $ALL
B shard-int8 llama3-70b-tp8 16,128,256 $Q int8
B gpt2-64 gpt2 64 f32,$Q
mkdir -p $o/ovl
timeout -s INT 200 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --batch 64 \
  --weights $Q --total-budget 180 --out $o/ovl/gpt2-64.db > $o/tune-gpt2-64.log 2>&1
cat $o/gpu.txt
for f in $o/*.csv; do
  echo "== $(basename $f .csv)"
  grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s/%s %s; ", $h["weights"], $h["B"], $h["time_us"] ($h["check"] == "ok" ? "" : "!" $h["check"])} END {print ""}'
done
grep -h "^# B=\|^entry" $o/ovl/*.db | cut -c1-250
