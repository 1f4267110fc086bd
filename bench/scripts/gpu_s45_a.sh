#!/bin/bash
# s45-a (an nvidia-h200-x2 machine, ~480 s): the forty-fourth session's prepared
# gpu_s45_next.sh, with the tail probe first on card 0.
# Card 0: flashmlp-readprobe --tails: a read of fp32's 704.6 MB and q4_0's 99.1 MB by the B=1
# plans' grids (224 work-groups of 512 for fp32, 224 of 256 for q4_0+int8, and two others),
# each work-group then handing on a 4096-float partial y: stored and added by a second kernel
# (the shipped form), or added into one vector by float reductions (scalar, and sm_90's v4),
# the last work-group to count moving it to y. Then issue 3's record at B = 1 and 16 against
# the tuned CLBlast chain and cuBLAS fp32, then GPT-2's f16/bf16 at 16 (tune and check).
# Card 1: issue 5's B=1 row, every format, exact and int8, with cuBLAS fp16; then the 70B
# shard's q4_0 at 16 (tune and check).
# Prediction (written before the call): burst, 704.6 MB at 224:512: read alone 160-162 us,
# parts + reduce +3-5, red.f32 +2-4 (the thirteenth session's ya cost about what the reduction
# did), red.v4 +0.5-1.5. 99.1 MB at 224:256: alone 26-27, parts + reduce 29-30, red.f32 28-29,
# red.v4 26.5-28. If v4 holds within 1.5 us of the read alone and 2 us under parts + reduce,
# an opt-in non-deterministic form of the stream kernel's reduction is worth building (the
# default must stay deterministic, DESIGN.md). Record: B=1 3.85-3.98x the chain (fp32
# 165-170 us), B=16 1.22-1.24x its floor; q4_0+int8 B=1 31.5-32.5 us; the cells 1.0-1.3x.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=0; o=$o/c0; gpu_header; T start
  for s in "704.6 224:512,448:256,132:1024,264:512" "99.1 224:256,112:512,132:512,448:256"; do
    set -- $s
    timeout 60 $b/flashmlp-readprobe --sizes $1 --tails $2 --runs 60 >> $o/tails.txt 2>&1
  done
  T tails
  timeout 200 $b/flashmlp-bench --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 \
    --shapes llama3-8b --batch 1,16 --weights f32 --reps 9 --budget 0.3 --csv $o/record.csv \
    --no-plot > $o/record.log 2>&1
  T record
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/torch.csv --reps 7 \
    --budget 0.2 > $o/torch.log 2>&1
  T torch
  gpu_tune g16 70 --shape 768x3072 --kind plain --act gelu_tanh --weights f16,bf16 --batch 16
  gpu_check g16 $o/g16.db --shapes gpt2 --batch 16 --weights f32,f16,bf16
  T g16; gpu_summary > $o/summary.txt
) &
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=1; o=$o/c1; gpu_header; T start
  RT=150 R formats "" --shapes llama3-8b --batch 1 --precision exact,int8 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --reps 7 --budget 0.15
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
    --reps 7 --budget 0.2 > $o/torch.log 2>&1
  T formats
  gpu_tune s16 70 --shape 8192x3584 --weights q4_0 --batch 16
  gpu_check s16 $o/s16.db --shapes llama3-70b-tp8 --batch 16 --weights f32,q4_0
  T s16; gpu_summary > $o/summary.txt
) &
wait
cat $o/c0/tails.txt
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
grep -h 'torch' $o/c0/torch.csv $o/c1/torch.csv | cut -d, -f1-12
