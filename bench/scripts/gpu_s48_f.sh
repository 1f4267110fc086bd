#!/bin/bash
# s48-f (forty-eighth session, the last device minutes): ca=2 on neighbouring tiles for the exact
# affine_q3 cells still behind fp32 weights after s48-e: the 70B shard at 97-128 on its 65-96
# tile (mt=64 nt=32) with ca=2 (card 0), Llama-3-8B at 193-256 on Gemma-2B's 321-512 tile
# (128 x 64, wn=4) with ca=2 (card 1); gpu_check against the file (s48-ca2.db).
# Prediction (written before the call): the shard 1.00-1.03x (its 65-96 tile with ca=2 ran 444 us
#   at 80, the file's 97-128 tile 453-460 at 128); Llama 0.95-1.02x (ca slowed every Llama tile
#   in s48-c).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header
( export CUDA_VISIBLE_DEVICES=0 FLASHMLP_DEVICE=0:0; o=$o/c0; mkdir -p $o; gpu_header; T start
  gpu_check ca2-shard $d/s48-ca2.db --shapes llama3-70b-tp8 --batch 112,128 --weights f32,affine_q3
  T ca2-shard; gpu_summary > $o/summary.txt ) &
( export CUDA_VISIBLE_DEVICES=1 FLASHMLP_DEVICE=0:0; o=$o/c1; mkdir -p $o; gpu_header; T start
  gpu_check ca2-llama $d/s48-ca2.db --shapes llama3-8b --batch 200,256 --weights f32,affine_q3
  T ca2-llama; gpu_summary > $o/summary.txt ) &
wait
for c in c0 c1; do echo "== $c"; grep -v '^NVIDIA' $o/$c/summary.txt | sort -V; done
grep -h 'affine_q3' $o/c*/*-overlay.csv | cut -d, -f5,7,9,22 | cut -c1-200
