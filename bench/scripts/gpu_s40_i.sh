#!/bin/bash
# Fortieth session, last call (one H200): the record (gpu_record.sh) with the session's final file,
# no overlay, for the README's table. s40-c's record came before s40-d..g moved fp32 and the
# formats at 513-4096.
# Prediction: as s40-c at B = 1-512 within noise (SwiGLU B=1 162-168 us, B=16 190-198); SwiGLU 4096
# 20.8-21.2 ms (s40-d/f: 21.0, 1.07-1.09x faster than s40-c's 22.96); ReLU 1024 3.9-4.0 ms (4.27 in
# s40-c), 4096 15.4-15.6 ms (16.15).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/record
gpu_header; T start
BUILD=$b timeout 200 bash $d/gpu_record.sh $o/record > $o/record/cmd.log 2>&1
T end
cat $o/times.txt
cut -d'|' -f2-13 $o/record/main-table.md | grep -v "^ ---"
