#!/bin/bash
# Thirteenth session: fp32 B=16's mmav gate/up kernel (146 us for 470 MB, 3.2 TB/s) against the
# rows probe (h200-s13-rows: 256 contiguous bytes a row-step, 4 rows a thread, 4.2 TB/s; 128
# bytes a row-step 3.0 TB/s or less). The shipped plan reads 128 bytes a row-step (ku=1) with
# four warps sharing rows (kw=4). Prediction: ku=2 (256 bytes a row-step) 146 -> 120-130 us
# for the gate/up kernel if registers allow. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
base=$(plan f32 16)
{
echo "# shipped: $base"
prof f32 16 shipped ""
for v in "ku=2 kw=4" "ku=2 kw=2" "ku=2 kw=1" "ku=4 kw=1" "ku=4 kw=2" "ku=1 kw=4 pf=1" "ku=2 kw=4 pf=1" \
         "fm=2 ku=1 kw=4" "fm=2 ku=2 kw=2" "wg=8 ku=2 kw=8"; do
  s=$base
  for kv in $v; do k=${kv%%=*}; s=$(echo "$s" | sed -E "s/ $k=[0-9]+/ $kv/"); done
  prof f32 16 "${v// /_}" "$s"
done
} > $o/ab.txt 2>&1
cat $o/gpu.txt; cut -c1-200 $o/ab.txt
