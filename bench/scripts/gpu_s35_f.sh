#!/bin/bash
# Thirty-fifth session, sixth call (H200), on the committed file and kernels. s35-e shipped
# GPT-2's fp32 weights at 65-128 and from 2049 and its formats from 2049; its f16 and bf16
# weights at 129-2048 still take nvidia-sm_90.db's shape-less hp=0 tile with kt=16 (48 k-tiles:
# outside the new rolled-loop rule of 32).
# (1) GPT-2's f16-weight plan cold (compute cache off): is the 48-k-tile loop unrolled whole?
# (2) GPT-2 f16 and bf16 weights at B = 160, 300, 1024 beside fp32: shipped, shipped with
#     -DFMLP_K_ROLLED (every loop rolled), overlay s35-f.db (fp32 weights' 64x64 hp=1 tile),
#     alternating twice.
# (3) The record: GPT-2 every format at B = 80, 160, 300, 1024, 2500, 4096; Llama-3-8B fp32 and
#     q4_0 at 1, 16, 128, 4096 (unchanged by this session: s35-c's 751 us at 128, 22.04 ms at
#     4096 for fp32).
# Prediction, written before the call: (1) not unrolled (the fp32 tile's 1.2 MB programs were the
#     kt=32 ones); plan 4-6 s. (2) shipped f16/bf16 at 0.6-0.9x of fp32 weights; rolled level;
#     overlay 1.2-1.5x past shipped. (3) GPT-2 as s35-e's shipped cells within 3%; Llama within 2%
#     of s35-c.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
S=$(cd "$(dirname "$0")" && pwd)
rm -rf /tmp/cc-f; mkdir -p /tmp/cc-f
CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16 FLASHMLP_CACHE_DIR=/tmp/cc-f timeout 150 \
  $b/flashmlp run --hidden 768 --intermediate 3072 --plain --bias --act gelu_tanh --reps 3 \
  --check-rows 1 --weights f16 --batch 1,16,32,64,128,300,1024,4096 > $o/cold-f16.txt 2>&1
echo "rc=$?" >> $o/cold-f16.txt
for f in /tmp/cc-f/*; do
  echo "$(wc -c < $f) $(grep -ao '\.entry [a-z_0-9]*\|mma\.sync' $f | awk '/entry/ {n = $2} /mma/ {c[n]++} END {for (k in c) printf "%s:%d ", k, c[k]}')"
done > $o/ptx-f16.txt
T cold
A="--budget 0.08 --reps 3"
OF=$(overlay $S/s35-f.db)
for rep in 1 2; do
  RT=90 R h-ship-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  FLASHMLP_BUILD_OPTIONS=-DFMLP_K_ROLLED RT=90 R h-rolled-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  FLASHMLP_TUNING_DIR=$OF RT=90 R h-f-$rep "" --shapes gpt2 $A --batch 160,300,1024 --weights f32,f16,bf16
  T round-$rep
done
RT=150 R rec-gpt2 "" --shapes gpt2 $A --batch 80,160,300,1024,2500,4096 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
RT=120 R rec-llama "" --shapes llama3-8b $A --batch 1,16,128,4096 --weights f32,q4_0
T record
gpu_summary
echo "== cold f16: $(grep -ho 'ready in [0-9.]* s' $o/cold-f16.txt) $(tail -1 $o/cold-f16.txt) $(grep -c passed $o/cold-f16.txt)"
grep -o 'fmlp_mma[a-z_]*:[0-9]*' $o/ptx-f16.txt | tr '\n' ' '; echo
