#!/bin/bash
# Twenty-ninth session, call 4 (H200): (1) s29-f32tiles' winners as entries (bench/scripts/
# s29-t1.db: f16/bf16 weights and q8_0/affine_q8 at B = 65-128 on fp32's t1 tile, fp32 weights
# at 33-64 on t1 and at >= 513 on t2, f16 and bf16 x) through the lookup as a user overlay
# against the shipped file; (2) the block formats with iw=0 (weights decoded to fp32 and split
# into f16 pairs, as fp32 weights are) on t1 at 128 and t2 at 256, f16 x: can they match fp32
# weights' 663 / 1309 us?; (3) the records: issue 3's fp32 B = 1 and 16 beside the tuned CLBlast
# chain and cuBLAS fp32, and issue 5's B = 1 formats beside cuBLAS fp16 (torch_bench.py --fp16),
# in this call.
# Prediction (written before the call): (1) s29-f32tiles again: f16/bf16 1.22-1.30x, q8_0 and
# affine_q8 1.07-1.08x, fp32 weights 1.03x at 48, 1.24x at 1024, 1.1-1.3x at 4096; (2) iw=0
# 0.8-1.0x of the iw=1 entries (the fp32 decode and split a weight in the staging); (3) fp32
# B=1 165-168 us (3.8-3.9x the chain), B=16 195-198; q4_0+int8 32-32.5 us, cuBLAS fp16 95-105
# (about 3.1x: issue 5's 3.5x not met); f16 88-90 us.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
ov=$(mktemp -d); cp bench/scripts/s29-t1.db $ov/
for w in f16 bf16 q8_0 affine_q8; do
  R old-$w "" --shapes llama3-8b --batch 80,128 --weights $w --acts f16,bf16 --budget 0.15
  FLASHMLP_TUNING_DIR=$ov R new-$w "" --shapes llama3-8b --batch 80,128 --weights $w --acts f16,bf16 --budget 0.15
done
RT=90 R old-f32 "" --shapes llama3-8b --batch 48,1024,4096 --weights f32 --acts f16 --budget 0.1 --reps 5
FLASHMLP_TUNING_DIR=$ov RT=90 R new-f32 "" --shapes llama3-8b --batch 48,1024,4096 --weights f32 --acts f16 --budget 0.1 --reps 5
F="strategy=mma mt=64 nt=112 kt=16 wm=4 wn=2 dkt=16 dwm=4 dwn=2 order=0 dorder=0 hp=1 se=0 iw=0"
for w in q4_0 q8_0 affine_q3; do
  R iw0-t1-$w "$F dmt=64 dnt=128 splits=4 na=1" --shapes llama3-8b --batch 128 --weights $w --acts f16 --budget 0.15
  R iw0-t2-$w "$F dmt=128 dnt=128 splits=2 na=0" --shapes llama3-8b --batch 256 --weights $w --acts f16 --budget 0.15
done
timeout 120 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16 --weights f32 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.4 \
  --csv $o/record.csv --no-plot > $o/record.log 2>&1
timeout 90 python3 bench/torch_bench.py --ref-csv $o/record.csv --csv $o/record-torch.csv \
  --reps 10 --budget 0.4 > $o/record-torch.log 2>&1
timeout 120 $b/flashmlp-bench --impl flashmlp --shapes llama3-8b --batch 1 --reps 10 --budget 0.4 \
  --weights f16,bf16,q8_0,q4_0,affine_q2,affine_q3 --precision exact,int8 \
  --csv $o/b1.csv --no-plot > $o/b1.log 2>&1
timeout 90 python3 bench/torch_bench.py --ref-csv $o/b1.csv --csv $o/b1-torch.csv --fp16 \
  --reps 10 --budget 0.4 > $o/b1-torch.log 2>&1
gpu_summary
grep -v '^#' $o/record.csv | cut -d, -f5,6,7,9,16,17,18
grep -v '^#' $o/record-torch.csv | cut -d, -f5,6,7,9,16,17,18
grep -v '^#' $o/b1.csv | cut -d, -f5,6,7,8,9,16,17,22 | cut -c1-120
grep -v '^#' $o/b1-torch.csv | cut -d, -f5,6,7,8,9,16,17
