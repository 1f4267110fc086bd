#!/bin/bash
# Thirteenth session, first call: the read probe (one read of Llama-3-8B's weight bytes as one
# kernel, two, or one with a device-wide wait) beside the shipped B=1 plans' kernel profiles.
# $1: output folder. Needs the build in $BUILD (default /tmp/bf).
o=$1
b=${BUILD:-/tmp/bf}
source bench/scripts/gpu_prof.sh
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
date -u +%FT%TZ > $o/date.txt
$b/flashmlp-readprobe > $o/probe8.txt 2>&1
$b/flashmlp-readprobe --groups-per-cu 4 > $o/probe4.txt 2>&1
$b/flashmlp-readprobe --groups-per-cu 1 > $o/probe1.txt 2>&1
for w in f32 f16 q8_0 q4_0 affine_q2; do prof $w 1 shipped ""; done > $o/prof.txt
for w in q8_0 q4_0 affine_q2; do prof $w 1 int8 "" "--precision int8"; done >> $o/prof.txt
cat $o/gpu.txt $o/probe8.txt $o/probe4.txt $o/probe1.txt $o/prof.txt
