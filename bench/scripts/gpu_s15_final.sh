#!/bin/bash
# Fifteenth session, last call. (1) Does -cl-nv-maxrregcount reach ptxas through NVIDIA's
# OpenCL (the seventh call's capped builds came from the driver's compute cache, whose logs
# are empty)? A fresh build with the compute cache off (CUDA_CACHE_DISABLE=1), cap 64, of
# the B=16 mmav plan, with its kernel times. (2) The record at B=1 and 2 with this session's
# B=2 entry: SwiGLU, the H200-tuned CLBlast chain and PyTorch (fp32, fp16, bf16) in the same
# call. (3) f16 and bf16 at B=1, five rounds each (FlashMLP alone, burst), for their ratio to
# the floor measured in each run and to ANCHORS.md's 79 us.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
for rr in 255 64; do
  CUDA_CACHE_DISABLE=1 FLASHMLP_CACHE=0 FLASHMLP_BUILD_OPTIONS="-cl-nv-maxrregcount=$rr" \
    timeout 60 $b/flashmlp run --weights f32 --batch 16 --reps 9 --profile --build-log > $o/rr$rr.txt 2>&1
  echo "cap $rr: $(grep -A2 'fmlp_mmav_gateup' $o/rr$rr.txt | grep -E 'Used|spill' | tr -s ' ' | tr '\n' ' ')"
  echo "  $(grep -E 'fmlp_mmav_(gateup|down) ' $o/rr$rr.txt | tr -s ' ' | tr '\n' ' ')"
done > $o/rr.txt
timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,2 --impl clblast,flashmlp \
  --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 --csv $o/main.csv --no-plot \
  > $o/main.log 2>&1
timeout 120 python3 bench/torch_bench.py --ref-csv $o/main.csv --csv $o/torch.csv --fp16 --bf16 \
  --reps 10 --budget 0.5 > $o/torch.log 2>&1
for r in 1 2 3 4 5; do
  for w in f16 bf16; do bench1 $w exact 1 $w-r$r ""; done
done
cat $o/gpu.txt $o/rr.txt
grep -v '^#' $o/main.csv | cut -d, -f5,6,7,9,16,17,18,21 ; grep -v '^#' $o/torch.csv | cut -d, -f5,6,7,9,16,17,21
for w in f16 bf16; do
  line="$w:"; for r in 1 2 3 4 5; do line="$line $(bench_time $o/bench-$w-r$r.csv)"; done; echo "$line"
done
