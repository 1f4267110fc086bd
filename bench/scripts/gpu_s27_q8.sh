#!/bin/bash
# Twenty-seventh session, call 7 (H200): nvidia-h200.db's new q8_0 entry (B=5-16, the wl=1 tile
# with hp=1) through the lookup, fp32 beside it, two rounds.
# Prediction (written before the call): q8_0 B=8 144-148 us, B=16 161-165 (call 6: 145.3 and
# 162.3-163.1 with the override).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for r in 1 2; do
  RT=90 R check$r "" --shapes llama3-8b --batch 8,16 --weights q8_0,f32
done
gpu_summary
