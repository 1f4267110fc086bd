#!/bin/bash
# s46-b (an nvidia-h200-x2 machine, ~420 s): s46-a's two tuner winners through overlays, and
# tunes of the cells s46-a measured behind fp32 weights.
# Card 0: in bursts, file / overlay / overlay / file (gpu_check):
#   - Llama-3-8B q4_0+int8 at B=1 on s46-a's winner (pb=0 dl=1 rg=16 against the file's
#     pb=1 dl=0 rg=32; 0.0310 against 0.0319 ms in the tuner), with f16 at B=1 in the same runs;
#   - GPT-2 q4_0 at 5-8 on s46-a's stream bt=4 tile (13.2 us in the tuner against 22.3 on
#     sm_90's mmav entry), with fp32 at 8 (23.1 us in s46-a, q4_0 25.2 there).
# Card 1: tunes of the cells behind fp32 in s46-a: GPT-2 affine_q2 at 32 (23.0 against 21.9
# us), the 70B shard's affine_q3 at 80 and 128 (461/459 against 428/431), Gemma-2B's affine_q3
# at 448 (1528 against 1470).
# Prediction (written before the call): q4_0+int8 B=1 through the overlay 1.00-1.03x the file
# (31-32 us), f16 unchanged. GPT-2 q4_0 at 8 1.2-1.6x (s43-e's GPT-2 q4_0 winner at 8 was
# not ahead in bursts, so the low end), ahead of fp32 there. Tunes: GPT-2 affine_q2 at 32
# 1.0-1.1x; the shard's and Gemma's affine_q3 1.00-1.04x (s38/s39 tunes there found 1.01x).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
(
  export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_check q1 $d/s46-q1.db --shapes llama3-8b --batch 1 --weights f16,q4_0 --precision int8
  T q1
  gpu_check g8 $d/s46-g8.db --shapes gpt2 --batch 5,8 --weights f32,q4_0
  T g8; gpu_summary > $o/summary.txt
) &
(
  export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  gpu_tune g32 50 --shape 768x3072 --kind plain --act gelu_tanh --weights affine_q2 --batch 32
  T g32
  gpu_tune s3 150 --shape 8192x3584 --weights affine_q3 --batch 80,128
  T s3
  gpu_tune m3 130 --shape 2048x16384 --act gelu_tanh --weights affine_q3 --batch 448
  T m3; gpu_summary > $o/summary.txt
) &
wait
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
for f in $o/c1/*.db; do echo "== $f"; grep '^# B=' $f; done
