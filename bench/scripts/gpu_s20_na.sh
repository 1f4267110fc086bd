#!/bin/bash
# Twentieth session, call 2: na=1, the stream kernel's weight loads as PTX
# ld.global.nc.L1::no_allocate (the first call's read probe: the stream kernel's row walk 3.5%
# faster for fp32 rows and 4.5% for f16 rows than plain loads, .nc alone most of it for fp32).
# (1) ops/stream_load_hint on the card (every format, int8 too, against the reference).
# (2) Which loads the shipped B=1 kernels have now (PTX from the disk cache: ld.global.nc or
# plain ld.global). (3) B=1, the shipped plans with na=0 and na=1 as overrides, three rounds
# alternating, each in its own process.
# Prediction (written before the call): if the shipped kernels' weight loads are plain
# ld.global, 2-4% off B=1 (f32 170 -> 164-167 us, f16 90.5 -> 87-89, q4_0+int8 35.3 -> 34-35);
# if they are already .nc, within 1%.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
(cd $b && timeout 120 ./tests/test_ops --filter 'ops/stream_load_hint' --jobs 4) > $o/test.txt 2>&1
tail -1 $o/test.txt
for na in 0 1; do
  for w in f32 f16 q4_0; do
    rm -rf /tmp/pc; mkdir -p /tmp/pc
    FLASHMLP_CACHE_DIR=/tmp/pc FLASHMLP_OVERRIDES="na=$na" timeout 60 $b/flashmlp run --batch 1 \
      --weights $w --reps 2 > /dev/null 2>&1
    find /tmp/pc -type f -exec cat {} + > /tmp/pc.bin 2>/dev/null
    f=/tmp/pc.bin
    echo "na=$na $w: $(grep -a -c 'ld.global.nc.L1::no_allocate' $f) na, \
$(grep -a 'ld.global' $f | grep -v 'no_allocate' | grep -c 'ld.global.nc') nc, \
$(grep -a 'ld.global' $f | grep -vc 'ld.global.nc') plain ($(find /tmp/pc -type f | wc -l) files)" >> $o/ptx.txt
    grep -a 'ld.global' $f | sed 's/^[ \t]*//' | cut -d' ' -f1 | sort | uniq -c > $o/ptx-na$na-$w.txt
  done
done
for round in 1 2 3; do
  for na in 0 1; do
    FLASHMLP_OVERRIDES="na=$na" timeout 80 $b/flashmlp-bench --shapes llama3-8b --batch 1 \
      --weights f32,f16,bf16,q8_0 --impl flashmlp --reps 20 --budget 0.3 \
      --csv $o/na$na-r$round.csv --no-plot > $o/na$na-r$round.log 2>&1
    FLASHMLP_OVERRIDES="na=$na" timeout 80 $b/flashmlp-bench --shapes llama3-8b --batch 1 \
      --weights q4_0,q8_0,affine_q2,affine_q3,affine_q4 --precision int8 --impl flashmlp \
      --reps 20 --budget 0.3 --csv $o/q-na$na-r$round.csv --no-plot > $o/q-na$na-r$round.log 2>&1
  done
done
cat $o/gpu.txt $o/ptx.txt
for f in $o/na*-r*.csv $o/q-na*-r*.csv; do
  echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
    {printf "%s %s%s; ", $h["weights"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
done
