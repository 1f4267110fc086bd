#!/bin/bash
# The thirty-seventh session's scan, without a device: for each benchmark shape (and the Llama-3-8B
# ReLU MLP), the cells whose tensor-core entry (mma) does not form products from fp16 pairs
# (no hp=1), with the entry's origin. On the H200 such fp32 cells were 1.08-1.43x slower than
# Llama's own hp tiles (bench/results/2026-11-29-h200-s37-{a,b}); the list is a place to measure,
# not a verdict (hp measured level on the shard's B=33-64 tile).
# Usage: bench/scripts/hp_scan.sh "vendor,arch,name,cus" [weights [acts [batches]]]
#   e.g. bench/scripts/hp_scan.sh "nvidia,sm_90,NVIDIA H100 80GB HBM3,132"
# Needs build/flashmlp-tune or TUNE (the databases are built in: rebuild after editing them).
dev=${1:?usage: hp_scan.sh \"vendor,arch,name,cus\" [weights [acts [batches]]]}
w=${2:-f32}; x=${3:-f32}; bl=${4:-32,48,64,80,128,160,256,300,512,600,1024,2048,4096}
# TUNE: the tuner command, words split ("build/flashmlp tune" works as well)
tune=${TUNE:-build/flashmlp-tune}
command -v ${tune%% *} > /dev/null || { echo "hp_scan.sh: $tune not found (build first, or set TUNE)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)   # the origins name files from the repository root
empty=$(mktemp -d) && trap 'rm -rf "$empty"' EXIT
n=0
. "$(dirname "$0")/cells.sh"
for s in "${BENCH_CELLS[@]}"; do
  set -- $s
  out=$(FLASHMLP_TUNING_DIR=$empty $tune --report-coverage "$dev" --shape $1 --kind $2 --act $3 \
        --weights "$w" --acts "$x" --batch "$bl" 2>&1) || { echo "$out" >&2; exit 1; }
  while read -r line; do
    origin=$(grep -o "tuning/[a-z0-9_.-]*\.db:[0-9]*" <<< "$line")
    [ -n "$origin" ] || continue
    entry=$(sed -n "${origin##*:}p" "$root/${origin%%:*}")
    grep -q " hp=1" <<< "$entry" && continue
    cell=${line#[*= ] }
    echo "$2/$3 ${cell%%: mma*} ($origin) :: ${entry#entry }"
    n=$((n + 1))
  done < <(grep "B=.*: mma " <<< "$out")
done
echo "$n cells on mma entries without hp=1"
