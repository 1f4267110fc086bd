#!/bin/bash
# On the GPU machine (after `source .gpu/env.sh`): build, run the whole test suite on the GPU,
# then time `flashmlp run` at several batch sizes and parameter overrides.
# usage: bench/scripts/gpu_suite.sh <out dir> [sweep file name under bench/scripts, no .txt]
set -u
out=${1:-/tmp/out}
mkdir -p "$out"
b=/tmp/build-gpu
{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv; clinfo -l; } > "$out/device.txt" 2>&1
cmake -S . -B $b -DCMAKE_BUILD_TYPE=Release -DFLASHMLP_WERROR=ON > "$out/build.log" 2>&1 &&
    cmake --build $b -j16 >> "$out/build.log" 2>&1 || { tail -30 "$out/build.log"; exit 1; }
ctest --test-dir $b --output-on-failure -j4 --timeout 1200 > "$out/ctest.log" 2>&1
echo "ctest exit $?"
grep -E "Synthesis|tests passed|Passed|Failed|Not Run|\*\*\*" "$out/ctest.log"
$b/flashmlp devices > "$out/devices.txt" 2>&1; cat "$out/devices.txt"
${RUN_DEFAULT:-true} && $b/flashmlp run --batch 1,4,16,64,256,1024,4096 --reps 10 2>&1 | tee "$out/run.txt"
sweep=${2:-}
if [ -n "$sweep" ]; then
  while read -r batches ov; do
    [ -z "$batches" ] && continue
    echo "== $ov"
    FLASHMLP_OVERRIDES="$ov" $b/flashmlp run --batch "$batches" --reps 10 --check-rows 1 ${SWEEP_FLAGS:-} 2>&1 | grep -E "^ +([0-9]+ |fmlp_|\\(sum)"
  done < "bench/scripts/$sweep.txt" 2>&1 | tee "$out/$sweep.txt"
fi
