#!/bin/bash
# Thirteenth session: which row-reading pattern streams fastest. The gate/up phase alone ran at
# 3.3 TB/s for fp32 (the dk call's gate/up kernel, 142 us for 470 MB) and mmav's gate/up at
# 3.2 (146 us at B=16), against 4.3-4.4 for a plain read. flashmlp-readprobe --rows reads
# fp32's gate+up bytes (469.7 MB, 16 KB rows) and f16's (234.9 MB, 8 KB rows) as matrices in
# KL:U:RPT patterns. Prediction: the shipped 16:1:4 near 3.3-3.6 TB/s, longer contiguous runs
# a row (KL * U * 16 bytes of 1-4 KB) near the plain read. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
$b/flashmlp-readprobe --sizes 469.7 > $o/plain.txt 2>&1
$b/flashmlp-readprobe --sizes 469.7 --row-bytes 16384 --rows \
  16:1:4,16:2:4,16:4:4,32:1:4,32:2:4,64:1:4,64:2:2,128:1:2,8:1:4,4:2:4,4:2:8,16:1:8,16:1:2,256:1:8,256:1:16,256:2:8 \
  > $o/rows-f32.txt 2>&1
$b/flashmlp-readprobe --sizes 234.9 --row-bytes 8192 --rows \
  16:1:4,16:2:4,32:1:4,32:2:2,64:1:4,8:1:4,4:2:4,256:1:8 > $o/rows-f16.txt 2>&1
cat $o/gpu.txt $o/plain.txt $o/rows-f32.txt $o/rows-f16.txt
