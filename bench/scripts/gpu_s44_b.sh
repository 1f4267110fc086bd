#!/bin/bash
# Forty-fourth session, call b (an nvidia-h200-x2 machine, ~360 s), run at commit 1e4e028:
# kernel objects bound to their weights (src/binding.c of that commit; reverted after this
# call, which found no gain: bench/PERFLOG.md, forty-fourth session), against the same library with FLASHMLP_BIND=0 (every forward
# sets every argument, as before), in the same processes or alternating ones, on one card each.
# s44-a measured that any clSetKernelArg before a launch, even of the same value, costs 4.7-5.2
# us more a launch in a burst of empty kernels (448 work-groups: 5.6 us set once, 10.3-10.8
# with 12 arguments set; the drain 5.9 -> 7.7).
# Card 0: launchcost's bind rows (GPT-2 at 1 and 8, Llama-3-8B at 1 and 16, pairs in both
# orders), then GPT-2 through flashmlp-bench at B = 1, 2, 8, every format, bound against not,
# two rounds alternating.
# Card 1 (CUDA_VISIBLE_DEVICES=1, for PyTorch too): Llama-3-8B SwiGLU at B=1, every format exact and int8, bound against not, two rounds
# alternating; B=16 one round each; then cuBLAS (PyTorch) fp16/fp32 on the B=1 cells.
# Prediction (before the call): GPT-2's one-launch cells at B=1 14.5 -> 10-11 us (the 4-5 us
# of an argument set, bursts); two- and three-launch cells at 8 5-10 us less. Llama-3-8B at B=1:
# the GPU's side of a set (the drain's +1.8 us a launch) is what is left where the kernels are
# long: q4_0+int8 32.4 -> 29-31 us (two launches), f32 and f16 level to -3 us; B=16 -2 to -6 us.
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
F=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
mkdir -p $o/c0 $o/c1
gpu_header
(
  export FLASHMLP_DEVICE=0:0; o=$o/c0; gpu_header; T start
  cc -O2 $d/launchcost.c -I include -L$b -lflashmlp -lOpenCL -lm -Wl,-rpath,$b -o /tmp/launchcost \
    > $o/cc.txt 2>&1
  timeout 200 /tmp/launchcost 7 bind # 1e4e028's launchcost > $o/launchcost.md 2> $o/launchcost.err
  T launchcost
  for r in 1 2; do
    if [ $r = 1 ]; then vs="bind nobind"; else vs="nobind bind"; fi
    for v in $vs; do
      if [ $v = nobind ]; then export FLASHMLP_BIND=0; else unset FLASHMLP_BIND; fi
      RT=100 R g-$v-$r "" --shapes gpt2 --batch 1,2,8 --weights $F --precision exact,int8 \
        --reps 7 --budget 0.1
    done
  done
  unset FLASHMLP_BIND
  T gpt2; gpu_summary > $o/summary.txt
) &
(
  # with CUDA_VISIBLE_DEVICES=1 that card is 0:0
  export FLASHMLP_DEVICE=0:0 CUDA_VISIBLE_DEVICES=1; o=$o/c1; gpu_header; T start
  for r in 1 2; do
    if [ $r = 1 ]; then vs="bind nobind"; else vs="nobind bind"; fi
    for v in $vs; do
      if [ $v = nobind ]; then export FLASHMLP_BIND=0; else unset FLASHMLP_BIND; fi
      RT=150 R l-$v-$r "" --shapes llama3-8b --batch 1 --weights $F --precision exact,int8 \
        --reps 7 --budget 0.15
    done
  done
  for v in bind nobind; do
    if [ $v = nobind ]; then export FLASHMLP_BIND=0; else unset FLASHMLP_BIND; fi
    RT=150 R l16-$v "" --shapes llama3-8b --batch 16 --weights $F --precision exact,int8 \
      --reps 7 --budget 0.15
  done
  unset FLASHMLP_BIND
  T llama
  timeout 60 python3 bench/torch_bench.py --ref-csv $o/l-bind-2.csv --csv $o/torch.csv --fp16 \
    --reps 7 --budget 0.2 > $o/torch.log 2>&1
  T torch; gpu_summary > $o/summary.txt
) &
wait
grep '^|' $o/c0/launchcost.md
for c in c0 c1; do echo "== $c"; cat $o/$c/times.txt | tr '\n' ' '; echo; grep -v '^NVIDIA' $o/$c/summary.txt; done
grep -h 'torch' $o/c1/torch.csv | cut -d, -f1-12 | head -8
