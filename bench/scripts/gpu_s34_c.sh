#!/bin/bash
# Thirty-fourth session, call 3 (H200). Overlay s34-c.db against the shipped file (which now has
# s34-a's and s34-b's entries), alternating twice:
# (1) The tile the tuner found for Gemma-2B's f16-x affine_q3 at 300 in s34-b (mt=128 nt=64 kt=32
#     wm=4 wn=4, splits=8, fw=0 se=0; 1.22x there) for the affine_q3 cells still below fp32
#     weights: Llama-3-8B f16 x at B = 129-2048 (0.97-0.99x in s31-s33) and fp32 x at 129-512
#     (0.95-0.97x at 200 and 400-440), Qwen2.5-7B f16 x at 160 (0.95x, s34-a), the 70B shard f16 x
#     at 300 (0.88x); and Gemma-2B's f16-x q8_0 at 300 (0.97x).
# (2) The shard's fp32-x tile from s34-b (tuned at 160) for its block formats at 257-320 (they take
#     the shape-less tf32 tiles there: q4_0 0.97x at 300 in s34-a).
# (3) GPT-2: its fp32-x block formats at 129-192 on hp=1 (they take a tf32 tile, 0.88-0.89x of fp32
#     weights at 160), and its fp32 weights at 257-512 on its own 129-256 tile (178 us at 300
#     against 93 at 160).
# (4) First, a diagnostic of the GPT-2 tunes that printed nothing in s34-b: one tune run for 40 s,
#     sampled at 8, 20 and 32 s (process state, CPU time, GPU use; gdb's stacks where gdb exists).
# Prediction (before the call): (1) Llama-3-8B f16 x 1.00-1.10x of fp32 weights (from 0.97-0.99x),
# fp32 x 0.98-1.05x; Qwen 1.0-1.1x; shard 0.9-1.0x; Gemma q8_0 1.0-1.1x. (2) 1.05-1.2x over
# shipped at 300. (3) block formats 0.95-1.05x of fp32 weights at 160; GPT-2 fp32 weights at 300
# 178 -> 110-140 us. (4) the process busy on the CPU (host-side work per candidate), not waiting.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
timeout 40 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights f32 --batch 300 \
  --strategies mma --budget 20 --max-candidates 3 --out $o/tune-gpt2-diag.db > $o/tune-gpt2-diag.log 2>&1 &
tp=$!
for s in 8 12 12; do
  sleep $s
  p=$(pgrep -f "flashmlp-tune --shape 768x3072" | head -1)
  { echo "== $(date +%s) pid $p"
    [ -n "$p" ] && grep -E "State|Threads|VmRSS" /proc/$p/status && awk '{print "utime", $14, "stime", $15}' /proc/$p/stat
    nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
    [ -n "$p" ] && command -v gdb > /dev/null && timeout 20 gdb -p $p -batch -ex "thread apply all bt 12" 2>&1 | grep -E "^#|^Thread" | head -60
  } >> $o/diag.txt 2>&1
done
wait $tp
T diag
n=$(overlay bench/scripts/s34-c.db)
A="--budget 0.08 --reps 3"
for rep in 1 2; do
  for v in old new; do
    [ $v = new ] && export FLASHMLP_TUNING_DIR=$n
    RT=60 R l16-$v-$rep "" --shapes llama3-8b $A --acts f16 --batch 200,300,700 --weights f32,affine_q3
    RT=60 R l32-$v-$rep "" --shapes llama3-8b $A --acts f32 --batch 200,420 --weights f32,affine_q3
    RT=60 R q16-$v-$rep "" --shapes qwen2.5-7b $A --acts f16 --batch 160 --weights f32,affine_q3
    RT=60 R s16-$v-$rep "" --shapes llama3-70b-tp8 $A --acts f16 --batch 300 --weights f32,affine_q3
    RT=60 R g16-$v-$rep "" --shapes gemma-2b $A --acts f16 --batch 300 --weights f32,q8_0
    RT=60 R s32-$v-$rep "" --shapes llama3-70b-tp8 $A --acts f32 --batch 300 --weights f32,q8_0,q4_0,affine_q3
    RT=60 R g32-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 160 --weights f32,q8_0,q4_0,affine_q3
    RT=60 R g32b-$v-$rep "" --shapes gpt2 $A --acts f32 --batch 300,400 --weights f32
    unset FLASHMLP_TUNING_DIR
    T $v-$rep
  done
done
gpu_summary
cat $o/diag.txt | head -40
