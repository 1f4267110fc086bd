#!/bin/bash
# Thirty-sixth session, call a (H200): the whole record again in one call, with the shipped
# databases only. The README's main table is the fourteenth session's (B = 32-4096 have moved
# since: 16-bit pairs in mma, 32- and 64-row tiles, the loops kept rolled); issue 3 asks for one
# run's CSV, plot and command.
# (1) Llama-3-8B SwiGLU and ReLU, fp32, B = 1..4096, FlashMLP beside the H200-tuned CLBlast chain
#     (bench/results/2026-11-26-h200-burst/command.sh's command), then PyTorch fp32/fp16/bf16 on
#     the same cells, and the plot.
# (2) Issue 5: every weight format, exact and int8, at B = 1, 16, 256 (fp32 x), with cuBLAS fp16.
# Prediction (written before the call, from s24, s29-final, s33-s35): SwiGLU B=1 164-168 us
# (1.05-1.08x the floor, 3.8-3.9x the chain), B=2 168-173, B=4 166-172, B=8 172-180, B=16
# 194-200 (1.24-1.27x), B=32 280-330, B=64 450-470 (1.09-1.13x), B=128 790-830, B=256
# 1.38-1.45 ms, B=1024 5.0-5.6 ms, B=4096 22.0-22.8 ms (63-66 TFLOP/s, 1.68-1.75x the chain).
# ReLU faster than the chain at every B. Formats at B=1 as s29-final (q4_0+int8 32-33.5 us,
# f16 88-90); at B=16 and 256 no format slower than fp32 weights.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
timeout 330 bash bench/results/2026-11-26-h200-burst/command.sh $o > $o/cmd.log 2>&1
T record
timeout 170 $b/flashmlp-bench --impl flashmlp --shapes llama3-8b --batch 1,16,256 --reps 10 \
  --budget 0.3 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 \
  --precision exact,int8 --csv $o/formats.csv --no-plot > $o/formats.log 2>&1
T formats
timeout 60 python3 bench/torch_bench.py --ref-csv $o/formats.csv --csv $o/formats-torch.csv \
  --fp16 --reps 10 --budget 0.3 > $o/formats-torch.log 2>&1
T torch16
python3 bench/plot.py $o/formats.csv --table formats > $o/formats-table.txt 2>&1
cat $o/times.txt
cut -c1-170 $o/main-table.md
grep -v '^#' $o/formats.csv | cut -d, -f5,6,7,8,9,16,17,22 | cut -c1-110
grep -v '^#' $o/formats-torch.csv | cut -d, -f5,6,7,8,9,16,17
