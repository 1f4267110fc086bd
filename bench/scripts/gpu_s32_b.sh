#!/bin/bash
# Thirty-second session, second call (H200).
# (1) Programs built in several threads (src/plan.c prebuild, FLASHMLP_BUILD_THREADS):
#     flashmlp-tune --report-cache for Llama-3-8B q4_0 with f16 x up to B=4096, with NVIDIA's
#     compute cache off (CUDA_CACHE_DISABLE=1), one thread against eight.
#     Prediction: the cold and no-disk-cache rows (about ten programs of 3-6 s each) 4-6x faster
#     with eight threads, if NVIDIA's compiler runs in several threads at once; level if the
#     driver serializes its builds. Warm rows (binaries loaded, PTX compiled by the driver)
#     2-4x faster.
# (2) The s32-a entries through the shipped file: Qwen2.5-7B and the 70B shard, all six block
#     formats with f16 x at B = 80 and 128, fp32 weights in the same round; GPT-2 q8_0.
#     Prediction: every block format at or above fp32 weights (affine_q3 0.99-1.01x), affine_q2/
#     q4/q8 between q4_0 and affine_q3.
# (3) Part (2) of gpu_s32_next.sh: Llama-3-8B with bf16 x, shipped at=bf16 entries against
#     s32-n2.db's (the f16-x fw=1 entries as at=bf16). Prediction 1.00-1.08x.
# (4) Registers of the fw=1 and fw=0 kernels on GPT-2's kt=32 tile and Llama's kt=16 tile
#     (flashmlp run --build-log, q4_0, f16 x, B=256): why fw loses on kt=32 tiles.
#     Prediction: the kt=32 gate/up kernel with fw=1 over 128 registers or spilling.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
for t in 1 8; do
  FLASHMLP_BUILD_THREADS=$t CUDA_CACHE_DISABLE=1 timeout 200 $b/flashmlp-tune --report-cache \
    --weights q4_0 --acts f16 --batch 1,4096 > $o/cache-t$t.txt 2>&1
  T cache-t$t
done
S="--budget 0.08 --reps 5 --acts f16 --batch 80,128"
RT=120 R s-new "" --shapes qwen2.5-7b,llama3-70b-tp8 $S \
  --weights f32,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8; T s-new
RT=40 R s-gpt2 "" --shapes gpt2 $S --weights f32,q8_0; T s-gpt2
n2=$(overlay bench/scripts/s32-n2.db)
L="--shapes llama3-8b --batch 128,256,1024 --budget 0.08 --reps 5 --acts bf16"
RT=100 R bf-old "" $L --weights f32,q8_0,q4_0,affine_q3,affine_q4; T bf-old
FLASHMLP_TUNING_DIR=$n2 RT=100 R bf-n2 "" $L --weights q8_0,q4_0,affine_q3,affine_q4; T bf-n2
for fw in 0 1; do
  FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose FLASHMLP_OVERRIDES="fw=$fw" timeout 40 $b/flashmlp run --hidden 768 --intermediate 3072 --plain \
    --act gelu_tanh --bias --weights q4_0 --acts f16 --batch 256 --reps 3 --build-log \
    > $o/regs-gpt2-fw$fw.txt 2>&1
  FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose FLASHMLP_OVERRIDES="fw=$fw" timeout 40 $b/flashmlp run --weights q4_0 --acts f16 --batch 256 \
    --reps 3 --build-log > $o/regs-llama-fw$fw.txt 2>&1
done
T regs
for f in $o/regs-*.txt; do echo "$(basename $f): $(grep -aoE "entry function '[a-z_0-9]+'|Used [0-9]+ registers|[0-9]+ bytes spill (stores|loads)" $f | tr '\n' ' ')"; grep -aE '^ +256 ' $f | cut -c1-60; done
for t in 1 8; do echo "threads $t"; grep -E "cold|warm|no disk" $o/cache-t$t.txt; done
gpu_summary
