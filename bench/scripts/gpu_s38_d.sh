#!/bin/bash
# Thirty-eighth session, fourth call (s38-d): s38-c's card-1 half again, its large/ part on card 0
# and cand/ on card 1. In s38-c card 1 found no device: NVIDIA's OpenCL honours
# CUDA_VISIBLE_DEVICES, so with it set to 1 the card is 0:0. Predictions as s38-c's.
# (s38-c:) an nvidia-h200-x2 machine, both cards side by side.
# Card 0 (small/): issue 5's record at B = 1-128, Llama-3-8B SwiGLU, every weight format exact
#   and int8 (fp32 x), then cuBLAS (PyTorch) fp32/fp16/bf16 on the same card and cells.
# Card 1 (large/): the same at B = 256-4096 (cuBLAS fp16 beside it); then (cand/) Gemma-2B's fp32
#   weights at 48-128 on G and F2 (they take Qwen's old Q1 tile; Gemma's f16 on G0 is 1.5x
#   faster than its fp32 at 48), Gemma's block formats at 48/64 on G, the shard's fp32 at 80/128
#   on G, and the ReLU MLP at 48 through the file (s38-b's F2 entries).
# Predictions, written before the call:
# - B=1 as s36-a: f32 163-171 us, f16 88-91, bf16 89-92, q4_0+int8 32-33.5, q8_0+int8 53-56;
#   every format at or above fp32 weights at every B from 1 to 4096 but exact affine_q3 at 256
#   (0.95-1.00x).
# - Gemma fp32 on G 1.2-1.4x at 48/64 and 1.0-1.1x at 80/128; its block formats on G level to
#   1.1x at 48/64; the shard's fp32 on G 1.0-1.05x; ReLU formats at 48 1.08-1.22x ahead of fp32.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/large $o/cand
gpu_header
nvidia-smi -L > $o/cards.txt; clinfo 2>/dev/null | grep -i 'pci\|topology\|Device Name' >> $o/cards.txt
export CUDA_DEVICE_ORDER=PCI_BUS_ID
W="--weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8"
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=0; o1=$o; o=$o/large; gpu_header; unset FLASHMLP_TUNING_DIR; T start
  timeout 260 $b/flashmlp-bench --impl flashmlp --shapes llama3-8b --batch 256,512,1024,2048,4096 $W \
    --reps 7 --budget 0.2 --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
  T formats
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/torch.csv --fp16 \
    --reps 7 --budget 0.2 > $o/torch.log 2>&1
  T torch
) &
(
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=1; o1=$o
  o=$o1/cand; gpu_header; T start
  G="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
  F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
  a="--budget 0.1 --reps 5"
  R gemma-old "" --shapes gemma-2b --batch 48,64,80,128 --weights f32,q8_0,q4_0,affine_q3,affine_q4 $a
  R gemma-G "$G" --shapes gemma-2b --batch 48,64,80,128 --weights f32,q8_0,q4_0,affine_q3,affine_q4 $a
  R gemma-F2 "$F2" --shapes gemma-2b --batch 48,64,80,128 --weights f32 $a
  R shard-old "" --shapes llama3-70b-tp8 --batch 80,128 --weights f32 $a
  R shard-G "$G" --shapes llama3-70b-tp8 --batch 80,128 --weights f32 $a
  R relu48 "" --shapes llama3-8b --ops relu --batch 48 \
    --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 $a
  T cand; gpu_summary > $o/summary.txt
) &
wait
for p in large; do
  python3 bench/plot.py $o/$p/formats.csv --table formats > $o/$p/formats-table.txt 2>&1
  python3 bench/plot.py $o/$p/formats.csv $o/$p/torch.csv --out $o/$p/formats.png > $o/$p/plot.log 2>&1
done
echo "== cards"; cat $o/cards.txt | head -8
for p in large; do echo "== $p"; cat $o/$p/times.txt; cat $o/$p/formats-table.txt | cut -c1-330; grep -h 'torch' $o/$p/torch.csv | cut -d, -f1-12 | head -20; done
echo "== cand"; grep -v '^NVIDIA' $o/cand/summary.txt | cut -c1-1200
