#!/bin/bash
# Thirty-sixth session, call b (H200). Call a's record step found no command (the snapshot leaves
# bench/results out; the command is now bench/scripts/gpu_record.sh); its formats rows came back.
# (1) The record (call a's item 1, its prediction unchanged): Llama-3-8B SwiGLU and ReLU, fp32,
#     B = 1..4096, FlashMLP beside the H200-tuned CLBlast chain, PyTorch fp32/fp16/bf16, plot.
# (2) gpu_s36_next.sh's item 1: GPT-2's int8 plan (q4_0) and its f16-x fp32 plan built cold
#     (compute cache off): plan time, each program's PTX size and mma.sync count. Prediction: no
#     program above 300 KB, plans under 8 s (mmaq's and the stream kernel's loops have their trip
#     counts at compile time too, so one may be unrolled whole: then a program of 0.5-1.5 MB).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
unset FLASHMLP_TUNING_DIR
T start
timeout 360 bash bench/scripts/gpu_record.sh $o > $o/cmd.log 2>&1
T record
G="--hidden 768 --intermediate 3072 --plain --bias --act gelu_tanh"
R1="--reps 3 --check-rows 1 --batch 1,16,32,64,128,300,1024,4096"
gpu_cold_plan int8 $G $R1 --weights q4_0 --precision int8
gpu_cold_plan x16 $G $R1 --acts f16
cat $o/times.txt
for f in $o/cold-*.txt; do n=$(basename $f .txt); n=${n#cold-}
  echo "== $n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) $(grep -c passed $f)"
  sort -n $o/ptx-$n.txt | tail -3 | cut -c1-200; done
cut -c1-170 $o/main-table.md
