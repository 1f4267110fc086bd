#!/bin/bash
# Thirty-fourth session, call 4 (H200), after s34-c's entries went into nvidia-h200.db.
# (1) The GPT-2 tunes that print nothing (s34-b, s34-c): the tuner run in the background with
#     line-buffered output, its own process sampled at 6, 14 and 24 s (state, CPU time, GPU use,
#     gdb's stacks where gdb exists), then stopped.
# (2) GPT-2's fp32 weights now take their 129-256 tile at 257-512 (s34-c: 1.84x at 300), so its
#     fp32-x block formats (0.55-0.67x of that at 300, on shape-less tf32 tiles) are below them:
#     overlay s34-d.db puts those formats on fp16 pairs (the tile s34-c shipped at 129-192) at
#     193-512, and GPT-2's fp32 weights on the same tile at 513-2048. Shipped against overlay,
#     twice alternating, at B = 300 and 450 (formats) and 600, 1024, 2048 (fp32 weights).
# (3) Through the lookup (shipped only): GPT-2 at 300 with f16 and bf16 x (the fp32-weight entry
#     serves every x type), and Llama-3-8B's f16-x affine_q3 at 1024 and 1500 (s34-c's tile at
#     513-2048).
# Prediction (before the call): (1) the tuner waiting on the device or the driver, not computing
# (utime flat); (2) formats 142-178 -> 95-110 us at 300 (GPT-2 f16 x on the same kind of tile: 87-91),
# 0.9-1.0x of fp32 weights; fp32 weights at 600-2048 1.1-1.5x; (3) f16/bf16 x fp32 weights 173-181
# -> 90-100 us at 300, the block formats 0.95-1.05x of them; Llama affine_q3 1.00-1.03x of fp32
# weights at 1024 and 1500.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
stdbuf -oL -eL $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights f32 \
  --batch 300 --strategies mma --budget 20 --max-candidates 3 --out $o/tune-gpt2-diag.db \
  > $o/tune-gpt2-diag.log 2>&1 &
tp=$!
for s in 6 8 10; do
  sleep $s
  { echo "== +$s s pid $tp"
    grep -E "State|Threads|VmRSS" /proc/$tp/status && awk '{print "utime", $14, "stime", $15}' /proc/$tp/stat
    nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
    command -v gdb > /dev/null && timeout 15 gdb -p $tp -batch -ex "thread apply all bt 15" 2>&1 | grep -E "^#|^Thread" | head -60
  } >> $o/diag.txt 2>&1
done
kill -INT $tp; sleep 3; kill -9 $tp 2> /dev/null
T diag
n=$(overlay bench/scripts/s34-d.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=60 R g32-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 300,450 --weights f32,q8_0,q4_0,affine_q3
    RT=60 R g32b-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 600,1024,2048 --weights f32
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
for a in f16 bf16; do RT=60 R g-$a "" --shapes gpt2 $A --acts $a --batch 300 --weights f32,q8_0,q4_0,affine_q3; done
RT=90 R l16 "" --shapes llama3-8b $A --acts f16 --batch 1024,1500 --weights f32,affine_q3
T ship
gpu_summary
cat $o/diag.txt | head -60
tail -5 $o/tune-gpt2-diag.log
