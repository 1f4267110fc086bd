#!/bin/bash
# Fifteenth session, sixth call: PTX cp.async from OpenCL on NVIDIA's driver (bench/scripts/
# cpasync.c, whose header says what it measures). Prediction (before the call): it builds and
# sums right; async reads reach 4.2+ TB/s with 132-264 work-groups of 256 (one or two a compute
# unit), where plain reads through registers take 3.0-3.7 TB/s at those counts.
o=$1
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
cc -O2 bench/scripts/cpasync.c -lOpenCL -lm -o /tmp/cpasync > $o/cc.txt 2>&1
timeout 200 /tmp/cpasync 469.7 > $o/cpasync.txt 2>&1
cat $o/gpu.txt $o/cc.txt $o/cpasync.txt
