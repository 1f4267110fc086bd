#!/bin/bash
o=$1
mkdir -p /tmp/tune
( time /tmp/bf/flashmlp-tune --weights q4_0,q8_0,affine_q4 --batch 16 --total-budget 200 --out /tmp/tune/h200-fmt16.db ) > $o/tune16.log 2>&1
cp /tmp/tune/h200-fmt16.db $o/
