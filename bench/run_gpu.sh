#!/bin/bash
# The whole benchmark on the GPU machine, in one command, from the project root:
#   source .gpu/env.sh && bench/run_gpu.sh "$OUT"
# Builds flashmlp-bench (Release, no tests), then runs, each within its own time limit and all
# of it within TOTAL_TIMEOUT:
#   1. the full matrix (every shape of issue 3, B = 1..4096, the model's own op and the ReLU
#      MLP) with the CLBlast parameters tuned on the H200 (bench/clblast-tuned-h200);
#   2. the formats (issue 5): the Llama-3-8B SwiGLU MLP at B = 1, 16, 256 with FlashMLP in every
#      weight format (f32, f16, bf16, q8_0, q4_0, affine_q2/q3/q4/q8), each against its own
#      floor and against FlashMLP f32;
#   3. PyTorch/cuBLAS on the cells of 1 (fp32, tf32, fp16) where python3 has torch;
# then the plots and tables. The tables are printed last, the formats table at the very end.
# Leaves exactly these files in <out> (the GPU tool returns at most 8):
#   device.txt   the card, driver, commit, and the exact commands run
#   bench.csv    1's results          formats.csv  2's results        torch.csv  3's results
#   bench.png    1 and 3: time per token per shape and op
#   formats.png  2: one line per format, each format's floor dotted in its colour
#   report.txt   the tables (every implementation, text and Markdown; the formats), the step
#                times, then every log (bench, formats, torch, plots, the end of the build)
# Knobs (environment): BENCH_ARGS (default "--all --budget 0.5 --reps 10"), FORMATS_ARGS
# (default the shape, op, batches and weight formats of 2), TORCH_MODES (default "--tf32
# --fp16"), BENCH_TIMEOUT per flashmlp-bench invocation (default 300 s), TORCH_TIMEOUT (default
# 120 s), TOTAL_TIMEOUT for the whole script (default 530 s: each step is cut short so that the
# later ones keep their share), BUILD (default /tmp/build-bench-gpu).
# The percent-of-floor plot can be drawn later from the CSV: bench/plot.py bench.csv --y pct.
set -u
out=${1:?usage: bench/run_gpu.sh <out dir>}
mkdir -p "$out" && out=$(cd "$out" && pwd)
build=${BUILD:-/tmp/build-bench-gpu}
bench_args=${BENCH_ARGS:---all --budget 0.5 --reps 10}
formats_args=${FORMATS_ARGS:---shapes llama3-8b --ops swiglu --batch 1,16,256 --weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8}
torch_modes=${TORCH_MODES:---tf32 --fp16}
bench_timeout=${BENCH_TIMEOUT:-300}
torch_timeout=${TORCH_TIMEOUT:-120}
total=${TOTAL_TIMEOUT:-530}
start=$(date +%s)
cd "$(dirname "$0")/.."
# logs are kept out of <out> (they end up in report.txt)
logs=$(mktemp -d /tmp/run_gpu.XXXXXX)
: > "$logs/steps.txt"

# seconds a step may run: its own limit, less what would eat into the reserve of later steps
limit() {
    local own=$1 reserve=$2
    local left=$(( total - ($(date +%s) - start) - reserve ))
    echo $(( left < own ? left : own ))
}
# "exit R after S s (limit L s)", saying so when the limit cut the step short
ended() {
    local r=$1 t0=$2 lim=$3
    echo "exit $r after $(( $(date +%s) - t0 )) s (limit $lim s$([ "$r" -eq 124 ] && echo ", cut short"))"
}
# one "## title" section of report.txt
section() { awk -v h="## $1" 'index($0, h) == 1 {p = 1; print; next} /^## / {p = 0} p' "$out/report.txt"; }
step() { echo "$*" | tee -a "$logs/steps.txt"; }

{ nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1
  clinfo -l 2>&1; git log -1 --format='commit %H %s' 2>&1; echo "commands:"; } > "$out/device.txt"
cat "$out/device.txt"

report() {
    { echo "# bench/run_gpu.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
      echo; echo "## steps"; cat "$logs/steps.txt"
      for part in formats-table.txt:"FlashMLP per weight and activation format (formats.csv)" \
                  table.txt:"every implementation side by side (bench.csv, torch.csv)" \
                  table.md:"the same in Markdown (for the README)" \
                  bench.log:"flashmlp-bench log (bench.csv)" \
                  formats.log:"flashmlp-bench log (formats.csv)" \
                  torch.log:"torch_bench.py log" plot.log:"plot.py log"; do
          file=${part%%:*}
          [ -s "$logs/$file" ] || continue
          echo; echo "## ${part#*:}"; cat "$logs/$file"
      done
      echo; echo "## build log (last 40 lines)"; tail -40 "$logs/build.log" 2>/dev/null
    } > "$out/report.txt"
}

t0=$(date +%s)
if ! { cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DFLASHMLP_BUILD_TESTS=OFF &&
       cmake --build "$build" -j"$(nproc)"; } > "$logs/build.log" 2>&1; then
    tail -30 "$logs/build.log"
    step "build failed after $(( $(date +%s) - t0 )) s"
    report
    exit 1
fi
step "built in $(( $(date +%s) - t0 )) s"

# 1. the full matrix; the formats, PyTorch and the plots keep 120 + 80 + 20 s
rc=0
cmd="$build/flashmlp-bench $bench_args --clblast-params bench/clblast-tuned-h200 --csv $out/bench.csv --no-plot"
echo "$cmd" >> "$out/device.txt"
t0=$(date +%s)
lim=$(limit "$bench_timeout" 220)
[ "$lim" -lt 60 ] && lim=60
timeout "$lim" $cmd > "$logs/bench.log" 2>&1
r=$?
[ $rc -eq 0 ] && rc=$r
step "flashmlp-bench (all) $(ended $r $t0 $lim)"
grep -E "^(device|floor|clblast):|CHECK FAILED|SOME CHECKS|all checks passed|^flashmlp-bench:" "$logs/bench.log" | head -20

# 2. the formats; PyTorch and the plots keep 80 + 20 s
cmd="$build/flashmlp-bench $formats_args --clblast-params bench/clblast-tuned-h200 --csv $out/formats.csv --no-plot"
echo "$cmd" >> "$out/device.txt"
t0=$(date +%s)
lim=$(limit "$bench_timeout" 100)
if [ "$lim" -ge 30 ]; then
    timeout "$lim" $cmd > "$logs/formats.log" 2>&1
    r=$?
    [ $rc -eq 0 ] && rc=$r
    step "flashmlp-bench (formats) $(ended $r $t0 $lim)"
    grep -E "CHECK FAILED|SOME CHECKS|all checks passed|^flashmlp-bench:" "$logs/formats.log" | head -20
else
    step "flashmlp-bench (formats) skipped: ${lim} s left of TOTAL_TIMEOUT"
fi

# 3. PyTorch on bench.csv's cells; the plots keep 20 s
torch_csv=""
if python3 -c "import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then
    tcmd="python3 bench/torch_bench.py --ref-csv $out/bench.csv --csv $out/torch.csv $torch_modes"
    echo "$tcmd" >> "$out/device.txt"
    t0=$(date +%s)
    lim=$(limit "$torch_timeout" 20)
    if [ "$lim" -ge 20 ]; then
        timeout "$lim" $tcmd > "$logs/torch.log" 2>&1
        step "torch_bench.py $(ended $? $t0 $lim)"
        torch_csv="$out/torch.csv"
    else
        step "torch_bench.py skipped: ${lim} s left of TOTAL_TIMEOUT"
    fi
else
    step "no PyTorch with CUDA here: no cuBLAS comparison"
fi

# plots and tables
t0=$(date +%s)
python3 bench/plot.py "$out/bench.csv" $torch_csv --out "$out/bench.png" --table text > "$logs/table.txt" 2> "$logs/plot.log"
python3 bench/plot.py "$out/bench.csv" $torch_csv --table md > "$logs/table.md" 2>> "$logs/plot.log"
if [ -s "$out/formats.csv" ]; then
    python3 bench/plot.py "$out/formats.csv" --out "$out/formats.png" --table formats > "$logs/formats-table.txt" 2>> "$logs/plot.log"
fi
step "plots and tables in $(( $(date +%s) - t0 )) s; whole script $(( $(date +%s) - start )) s"
report
rm -rf "$logs"

echo
section steps
section "every implementation"
grep -E "CHECK FAILED|CHECKS FAILED" "$out/report.txt" | head -20
section "FlashMLP per weight"
echo "files in $out: $(ls "$out" | tr '\n' ' ')"
exit $rc
