#!/bin/bash
# Tenth session, record call on the shipped databases: (1) register use and spills of the B=16
# (mmav) and B=64 (mma) fp32 kernels (ptxas through -cl-nv-verbose) and the B=16 gate/up time
# with 8 and 16 warps a work-group sharing rows (fewer, larger work-groups);
# (2) bench/results/2026-11-26-h200-burst/command.sh (fp32 SwiGLU and ReLU, B=1-4096, CLBlast
# and PyTorch in the call) into main/; (3) its formats.sh (every format, exact and int8,
# B=1/16/64/256, PyTorch fp16/bf16) into formats/. $1: output folder; the build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
mkdir -p $o/diag $o/main $o/formats
for B in 16 64; do
  FLASHMLP_CACHE_DIR=$o/diag/cache-$B FLASHMLP_BUILD_OPTIONS=-cl-nv-verbose timeout 60 \
    $b/flashmlp run --weights f32 --batch $B --reps 3 --check-rows 1 --build-log \
    > $o/diag/ptxas-f32-$B.txt 2>&1
done
E16="strategy=mmav wg=4 kw=4 fm=1 fb=2 ku=1 pf=0 dwg=8 dkw=8 dfb=2 dku=1 dpf=1 splits=4"
for v in "" "${E16/wg=4 kw=4/wg=8 kw=8}" "${E16/wg=4 kw=4/wg=16 kw=16}" "${E16/wg=4 kw=4/wg=8 kw=4}"; do
  FLASHMLP_OVERRIDES="${v:-$E16}" timeout 60 $b/flashmlp run --weights f32 --batch 16 --reps 9 \
    --check-rows 1 --profile 2>&1 | awk -v v="${v:-entry}" '$1 ~ /^[0-9]+$/ && NF > 5 {t=$2*1000}
    /fmlp_/ {k=k" "$1"="$2} /checks passed/ {ok=" ok"} END {print t, "us" ok ";", k, "|", v}'
done > $o/diag/b16-warps.txt 2>&1
timeout 240 bash bench/results/2026-11-26-h200-burst/command.sh $o/main > $o/main/cmd.log 2>&1
timeout 150 bash bench/results/2026-11-26-h200-burst/formats.sh $o/formats > $o/formats/cmd.log 2>&1
cat $o/gpu.txt
grep -h "registers\|spill\|Compiling entry\|Function properties for" $o/diag/ptxas-f32-*.txt | grep -v "^$" | head -24
cat $o/diag/b16-warps.txt
grep -A14 "^Summary" $o/main/main.log | cut -c1-110
head -40 $o/formats/formats-table.md | cut -c1-160
