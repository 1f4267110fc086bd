#!/bin/bash
# Fifteenth session, H100: (1) the H200's new B=2 shape (the B=1 plan's 512 threads with a
# batch tile of 2) against the H100's B=2 entry, two rounds, burst; prediction: 1-3% faster, as
# on the H200. (2) The fourteenth session's H100 B=1 entries (512 and 1024 threads, tuner only
# so far) recorded with the benchmark: f32, f16 and bf16 at B=1 and 2, the CLBlast chain (H200
# parameters) and PyTorch in the same call.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
P2=$(plan f32 2); echo "# f32 B=2: $P2" > $o/ab.txt
W="strategy=stream wgs=512 kl=16 ti=64 bt=2 vw=4 xc=4096"
for r in 1 2; do
  bench1 f32 exact 2 ship-r$r "$P2"
  bench1 f32 exact 2 w512-r$r "$W"
done
timeout 200 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch 1,2 --weights f32,f16,bf16 \
  --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
  --csv $o/main.csv --no-plot > $o/main.log 2>&1
timeout 120 python3 bench/torch_bench.py --ref-csv $o/main.csv --csv $o/torch.csv --fp16 --bf16 \
  --reps 10 --budget 0.5 > $o/torch.log 2>&1
cat $o/gpu.txt $o/ab.txt
for v in ship w512; do echo "B=2 $v: $(bench_time $o/bench-$v-r1.csv) $(bench_time $o/bench-$v-r2.csv)"; done
grep -v '^#' $o/main.csv | cut -d, -f5,6,7,9,16,17,18,21; grep -v '^#' $o/torch.csv | cut -d, -f5,6,7,9,16,17,21
