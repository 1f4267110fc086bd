#!/bin/bash
# Prepared in the thirty-fifth session for the next call (H200), not yet run. s35-b to s35-e:
# NVIDIA's compiler unrolled the hp=0 mma gate/up loop over GPT-2's H = 768 whole (2304
# mma.sync, 15 s a program, 1.14-1.31x slower); mma's hp=0 kernel now keeps loops of at most 32
# k-tiles rolled. Not looked at: the int8 plans' kernels (mmaq, stream with dp4a) and the
# 16-bit-x plans on GPT-2; and GPT-2's block formats at 160-1024 (0.84-1.06x of fp32 weights)
# were never tuned with building this cheap.
# (1) GPT-2's int8 plan (q4_0, --precision int8) and its f16-x fp32 plan cold, compute cache off:
#     plan time, each program's size and mma.sync count.
# (2) flashmlp-tune on GPT-2 q8_0 at B=160 (mma only, 150 s), the worst of its block formats.
# Prediction (the thirty-fifth session's, to be revised before the call): (1) no program above
# 300 KB, plans under 8 s; (2) 1.05-1.15x over the shipped entry, reaching fp32 weights' 93 us.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
G="--hidden 768 --intermediate 3072 --plain --bias --act gelu_tanh"
R1="--reps 3 --check-rows 1 --batch 1,16,32,64,128,300,1024,4096"
gpu_cold_plan int8 $G $R1 --weights q4_0 --precision int8
gpu_cold_plan x16 $G $R1 --acts f16
timeout 200 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights q8_0 \
  --batch 160 --strategies mma --budget 150 --reps 5 --out $o/tune-gpt2-q8.db > $o/tune-gpt2-q8.log 2>&1
T tune
for f in $o/cold-*.txt; do n=$(basename $f .txt); n=${n#cold-}
  echo "== $n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) $(grep -c passed $f)"
  sort -n $o/ptx-$n.txt | tail -3; done
grep -h -A1 "^shape (formats)" $o/tune-*.log
