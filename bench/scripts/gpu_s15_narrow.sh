#!/bin/bash
# Fifteenth session, fifth call: are narrow row reads slow in themselves, or only at low
# occupancy? mmav's gate/up loads (B=2-16) are lane t of 4 reading float4s 8t and 8t + 4 of
# rows g and g + 8: 128 contiguous bytes a row a step, in two instructions (the probe's 4:2).
# The thirteenth session's probes of narrow patterns had few work-groups (112-224). Here the
# read_rows probe over fp32's gate+up bytes (16 KB rows) with one row a thread (448-1792
# work-groups of 256, full occupancy) and with more. Prediction: 4:2:1 and 8:1:1 within 5% of
# 16:1:1 (occupancy, not the pattern, limited the thirteenth session's narrow probes); if so,
# mmav's loads are limited by its own occupancy and loads in flight, not its pattern.
# Also the kernel times of the shipped fp32 plans at B=16, 64 and 128.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
$b/flashmlp-readprobe --sizes 469.7 --row-bytes 16384 --runs 30 \
  --rows 16:1:1,4:2:1,8:1:1,4:1:1,2:4:1,4:2:2,4:2:4,8:1:2,16:1:2,32:1:1,16:1:4,4:4:1 > $o/rows.txt 2>&1
export REPS=9
for B in 16 64 128; do prof f32 $B shipped "" >> $o/prof.txt 2>&1; done
cat $o/gpu.txt $o/rows.txt; cut -c1-250 $o/prof.txt
