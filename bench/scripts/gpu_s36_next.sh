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
cold() { local n=$1; shift
  rm -rf /tmp/cc-$n; mkdir -p /tmp/cc-$n
  CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16 FLASHMLP_CACHE_DIR=/tmp/cc-$n timeout 150 \
    $b/flashmlp run $G "$@" --reps 3 --check-rows 1 --batch 1,16,32,64,128,300,1024,4096 \
    > $o/cold-$n.txt 2>&1
  echo "rc=$?" >> $o/cold-$n.txt
  for f in /tmp/cc-$n/*; do
    echo "$(wc -c < $f) $(grep -ao '\.entry [a-z_0-9]*\|mma\.sync' $f | awk '/entry/ {n = $2} /mma/ {c[n]++} END {for (k in c) printf "%s:%d ", k, c[k]}')"
  done > $o/ptx-$n.txt
  T cold-$n; }
cold int8 --weights q4_0 --precision int8
cold x16 --acts f16
timeout 200 $b/flashmlp-tune --shape 768x3072 --kind plain --act gelu_tanh --weights q8_0 \
  --batch 160 --strategies mma --budget 150 --reps 5 --out $o/tune-gpt2-q8.db > $o/tune-gpt2-q8.log 2>&1
T tune
for f in $o/cold-*.txt; do n=$(basename $f .txt); n=${n#cold-}
  echo "== $n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) $(grep -c passed $f)"
  sort -n $o/ptx-$n.txt | tail -3; done
grep -h -A1 "^shape (formats)" $o/tune-*.log
