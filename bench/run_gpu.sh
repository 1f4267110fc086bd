#!/bin/bash
# The whole benchmark on the GPU machine, in one command, from the project root:
#   source .gpu/env.sh && bench/run_gpu.sh "$OUT"
# Builds flashmlp-bench (Release, no tests), runs the full matrix (every shape of issue 3,
# B = 1..4096, the model's own op and the ReLU MLP) with the CLBlast parameters tuned on the
# H200 (bench/clblast-tuned-h200), then PyTorch/cuBLAS on the same cells (fp32, tf32, fp16)
# where python3 has torch, then the plots; the combined table is printed last.
# Writes into <out>: device.txt, command.txt, build.log, bench.csv, bench.log, torch.csv,
# torch.log, bench.png (time per token), bench-pct.png (percent of floor), table.txt and
# table.md (every implementation side by side; the Markdown one is for the README).
# Knobs (environment): BENCH_ARGS (default "--all"), TORCH_MODES (default "--tf32 --fp16"),
# BENCH_TIMEOUT / TORCH_TIMEOUT in seconds (default 360 / 120, so that the whole script stays
# within 10 minutes), BUILD (default /tmp/build-bench-gpu).
# A budgeted run: BENCH_ARGS="--all --budget 0.5 --reps 10" bench/run_gpu.sh "$OUT"
set -u
out=${1:?usage: bench/run_gpu.sh <out dir>}
mkdir -p "$out" && out=$(cd "$out" && pwd)
build=${BUILD:-/tmp/build-bench-gpu}
bench_args=${BENCH_ARGS:---all}
torch_modes=${TORCH_MODES:---tf32 --fp16}
cd "$(dirname "$0")/.."

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1
  clinfo -l 2>&1; git log -1 --format='commit %H %s' 2>&1; } > "$out/device.txt"
cat "$out/device.txt"
t0=$(date +%s)
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DFLASHMLP_BUILD_TESTS=OFF &&
       cmake --build "$build" -j"$(nproc)"; } > "$out/build.log" 2>&1; then
    tail -30 "$out/build.log"
    exit 1
fi
echo "built in $(( $(date +%s) - t0 )) s"

cmd="$build/flashmlp-bench $bench_args --clblast-params bench/clblast-tuned-h200 --csv $out/bench.csv --no-plot"
echo "$cmd" > "$out/command.txt"
t0=$(date +%s)
timeout "${BENCH_TIMEOUT:-360}" $cmd > "$out/bench.log" 2>&1
rc=$?
echo "flashmlp-bench exit $rc after $(( $(date +%s) - t0 )) s"
grep -E "^(device|floor|clblast):|CHECK FAILED|SOME CHECKS|all checks passed|^flashmlp-bench:" "$out/bench.log" | head -20

torch_csv=""
if python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
    tcmd="python3 bench/torch_bench.py --ref-csv $out/bench.csv --csv $out/torch.csv $torch_modes"
    echo "$tcmd" >> "$out/command.txt"
    t0=$(date +%s)
    timeout "${TORCH_TIMEOUT:-120}" $tcmd > "$out/torch.log" 2>&1
    echo "torch_bench.py exit $? after $(( $(date +%s) - t0 )) s"
    torch_csv="$out/torch.csv"
else
    echo "no PyTorch with CUDA here: no cuBLAS comparison"
fi

python3 bench/plot.py "$out/bench.csv" $torch_csv --out "$out/bench.png" --table md > "$out/table.md" 2> "$out/plot.log"
python3 bench/plot.py "$out/bench.csv" $torch_csv --out "$out/bench.png" --table text > "$out/table.txt" 2>> "$out/plot.log"
python3 bench/plot.py "$out/bench.csv" $torch_csv --out "$out/bench-pct.png" --y pct > /dev/null 2>&1
cat "$out/table.txt"
exit $rc
