#!/bin/bash
# Twentieth session, the record at B = 1 and 16 with na=1 in the databases: every weight format,
# exact and int8, the tuned CLBlast chain and PyTorch fp32/fp16/bf16 in the same call (burst
# timing, shipped databases only). The device time left did not allow B = 64 and 256.
# Prediction (written before the call): B=1 f32 166-168 us (3.8-3.9x the chain), f16/bf16
# 87.5-88.5 (1.11-1.12x the 79 us of ANCHORS.md), q8_0 65-66, q8_0+int8 53-54, q4_0 49-50,
# q4_0+int8 32-33 (target 30), affine_q2+int8 26-27, affine_q3+int8 32-33, affine_q4+int8
# 35-36; B=16 as the eighteenth session's record (fp32 200-204, int8 116-156).
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,16 \
  --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 --precision exact,int8 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.4 \
  --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
timeout 150 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/formats-torch.csv \
  --fp16 --bf16 --reps 10 --budget 0.4 > $o/formats-torch.log 2>&1
python3 bench/plot.py $o/formats.csv --out $o/formats.png --table formats-md > $o/formats-table.md 2>&1
cat $o/gpu.txt; head -25 $o/formats-table.md
grep -v '^#' $o/formats-torch.csv | cut -d, -f5,6,7,9 | head -12
