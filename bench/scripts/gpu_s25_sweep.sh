#!/bin/bash
# Twenty-fifth session, call 3 (H200): every exact format against fp32 at the compute-bound
# batches, on the new entries (nvidia-h200.db: the B=129-512 tiles tuned in s25-wx), Llama-3-8B,
# B = 64, 128, 256, 512, 1024, 4096, every row checked against the reference. Then fp32 and the
# 16-bit formats on the f16 winner's down tile (dmt=64) at 128-512, and the tuner (40 s each)
# on the two cells that trail fp32 most, if any.
# Prediction: every format at or ahead of fp32 at 256-4096 (q8_0/q4_0 1.02-1.05x, affine
# 0.98-1.03x, f16/bf16 1.1-1.2x at 256); at 64 and 128 (tiles not retuned) the block formats
# 0.9-1.0x; fp32 on dmt=64 within 2% of its entry.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8"
RT=330 R sweep "" --shapes llama3-8b --batch 64,128,256,512,1024,4096 --weights $W
RT=60
F16T="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=16 dwm=4 dwn=2 splits=2 na=2 hp=1"
R f16tile "$F16T" --shapes llama3-8b --batch 128,256,512 --weights f32,f16,bf16
gpu_summary
# the cells furthest behind fp32 in the sweep: "ratio weights B"
awk -F, '/^#/ {next} !h {for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next}
  {t[$c["weights"] "/" $c["B"]] = $c["time_us"]; w[$c["weights"]] = 1; bs[$c["B"]] = 1}
  END {for (x in w) for (y in bs) if (x != "f32" && (x "/" y) in t && t[x "/" y] > t["f32/" y])
         printf "%.3f %s %s\n", t["f32/" y] / t[x "/" y], x, y}' $o/sweep.csv | sort -n > $o/behind.txt
echo "behind fp32:"; cat $o/behind.txt
mkdir -p $o/ovl
head -2 $o/behind.txt | while read r wt bb; do
  timeout -s INT 70 $b/flashmlp-tune --shape 4096x14336 --total-budget 40 --batch $bb \
    --weights $wt --strategies mma --out $o/ovl/$wt-b$bb.db \
    --try "strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    --try "strategy=mma mt=64 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=2 iw=1 hp=1" \
    --try "$F16T iw=1" > $o/tune-$wt-b$bb.log 2>&1
  echo "$wt b$bb: shipped$(grep -h "shipped databases choose" -A1 $o/tune-$wt-b$bb.log | tail -1 | grep -o ": [0-9.]* ms" | head -1) $(grep -h "best" $o/tune-$wt-b$bb.log | tail -1 | grep -o "best [0-9.]* ms")"
done
