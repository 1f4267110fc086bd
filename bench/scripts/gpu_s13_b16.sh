#!/bin/bash
# Thirteenth session: fp32 at B=16 through the stream kernel with a batch tile of 16 (the
# weights read once, 16 FMAs a weight) against the shipped mmav plan. Prediction: the stream
# kernel's phase 1 streams at about 4.3 TB/s at B=1; at B=16 it needs 52% of the FMA peak on
# top, so 175-190 us if the FMAs overlap the loads, against mmav's 204. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
{
echo "# shipped: $(plan f32 16)"
prof f32 16 shipped ""
for s in "wgs=256 kl=16 ti=32 bt=16 vw=4 xc=512" "wgs=256 kl=16 ti=64 bt=16 vw=4 xc=256" \
         "wgs=256 kl=32 ti=16 bt=16 vw=4 xc=512" "wgs=128 kl=16 ti=16 bt=16 vw=4 xc=512" \
         "wgs=256 kl=16 ti=32 bt=16 vw=4 xc=256 xv=1" "wgs=512 kl=32 ti=32 bt=16 vw=4 xc=512"; do
  prof f32 16 "${s// /_}" "strategy=stream $s"
done
} > $o/ab.txt 2>&1
cat $o/gpu.txt; cat $o/ab.txt | cut -c1-200
