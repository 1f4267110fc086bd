#!/bin/bash
# The coverage report of every benchmark shape, without a device: for each shape (and the
# Llama-3-8B ReLU MLP, which the hand-run reports before the fortieth session left out), all nine
# weight formats and the three activation formats at the batches the reports have used, which
# database entry each cell starts from (flashmlp-tune --report-coverage, user overlay empty). One
# file a shape into the output folder, then a line a shape: cells on an entry without H=/I= where
# fp32 weights take one of the shape, cells on an arch, vendor or generic entry, and of those the
# ones with fp32 x.
# Usage: bench/scripts/coverage.sh "vendor,arch,name,cus" outdir
# Needs build/flashmlp-tune or TUNE (the databases are built in: rebuild after editing them).
dev=${1:?usage: coverage.sh \"vendor,arch,name,cus\" outdir}
out=${2:?usage: coverage.sh \"vendor,arch,name,cus\" outdir}
tune=${TUNE:-build/flashmlp-tune}
command -v ${tune%% *} > /dev/null || { echo "coverage.sh: $tune not found (build first, or set TUNE)" >&2; exit 2; }
mkdir -p "$out" || exit 1
empty=$(mktemp -d) && trap 'rm -rf "$empty"' EXIT
W=f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8
printf '%-22s %10s %10s %10s\n' shape shapeless fallback "of them x=f32"
. "$(dirname "$0")/cells.sh"
for s in "${BENCH_CELLS[@]}"; do
  set -- $s
  f="$out/$4.txt"
  : > "$f"
  for bl in 1,2,4,8,16,32,48,64,100,128 160,200,256,300,400,512,600,1024,2048,4096; do
    FLASHMLP_TUNING_DIR=$empty $tune --report-coverage "$dev" --shape $1 --kind $2 --act $3 \
      --acts f32,f16,bf16 --weights $W --batch $bl >> "$f" 2>&1 || { cat "$f" >&2; exit 1; }
  done
  sl=$(grep 'take an entry for any shape' "$f" | awk '{s += $1} END {print s + 0}')
  fb=$(grep 'start from an arch' "$f" | awk '{s += $1} END {print s + 0}')
  f32=$(grep '^\*' "$f" | grep -c '/f32 exact')
  printf '%-22s %10d %10d %10d\n' "$4" "$sl" "$fb" "$f32"
done
