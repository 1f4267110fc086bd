#!/bin/bash
# Prepared in the forty-fourth session for the next call (an nvidia-h200-x2 machine, ~420 s), not
# yet run. Revise the prediction before the call.
# Card 0: issue 3's record at B = 1 and 16 (Llama-3-8B SwiGLU fp32, FlashMLP against the tuned
# CLBlast chain, bench/clblast-tuned-h200, then cuBLAS fp32 on the same cells). None was made in
# s43 or s44. Then the three decode cells no tune has measured (coverage after s44): GPT-2's
# f16 and bf16 at 16.
# Card 1: the 70B shard's q4_0 at 16 (the third untuned cell), and then issue 5's B=1 row of
# every format, exact and int8, with cuBLAS fp16 beside it.
# Each tune is checked through its overlay against the file (file, overlay, overlay, file).
# Prediction: B=1 3.85-3.98x the chain (the 4x target needs 161-162 us; fp32 ran 165-170);
# B=16 1.22-1.24x its floor; the three cells 1.0-1.3x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=0; o=$o/c0; gpu_header; T start
  timeout 200 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
    --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
    --no-plot > $o/record.log 2>&1
  T record
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
    --budget 0.2 > $o/torch.log 2>&1
  T torch
  gpu_tune g16 80 --shape 768x3072 --kind plain --act gelu_tanh --weights f16,bf16 --batch 16
  gpu_check g16 $o/g16.db --shapes gpt2 --batch 16 --weights f32,f16,bf16
  T g16; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=1; o=$o/c1; gpu_header; T start
  gpu_tune s16 80 --shape 8192x3584 --weights q4_0 --batch 16
  gpu_check s16 $o/s16.db --shapes llama3-70b-tp8 --batch 16 --weights f32,q4_0
  T s16
  RT=150 R formats "" --shapes llama3-8b --batch 1 --precision exact,int8 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --reps 7 --budget 0.15
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
    --reps 7 --budget 0.2 > $o/torch.log 2>&1
  T formats; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
grep -h 'torch' $o/c0/torch.csv $o/c1/torch.csv | cut -d, -f1-12
