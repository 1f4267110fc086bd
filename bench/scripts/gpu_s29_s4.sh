#!/bin/bash
# Twenty-ninth session, call 6 (H200): s29-q4tune found splits=4 at B=128 with f16 x for q4_0
# (0.7465 -> 0.6684 ms, dmt=128 na=2) and affine_q3 (0.8266 -> 0.7446, the s28 tile with
# splits=4). Those tiles (affine_q3's for q8_0, affine_q2/q4/q8) as entries for B = 65-128
# (bench/scripts/s29-s4.db) through the lookup as a user overlay against the shipped file, f16 x,
# B = 80 and 128, one round.
# Prediction (written before the call): 1.08-1.12x for every block format at 128, 1.03-1.10x
# at 80.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
ov=$(mktemp -d); cp bench/scripts/s29-s4.db $ov/
for w in q4_0 q8_0 affine_q2 affine_q3 affine_q4 affine_q8; do
  R old-$w "" --shapes llama3-8b --batch 80,128 --weights $w --acts f16 --budget 0.15
  FLASHMLP_TUNING_DIR=$ov R new-$w "" --shapes llama3-8b --batch 80,128 --weights $w --acts f16 --budget 0.15
done
gpu_summary
