#!/bin/bash
# Fifth session's closing calls. $1: output folder; $2: "tune" or "formats"; build in $BUILD.
#   tune:    flashmlp-tune for q8_0 and q4_0 at B=16/64/256 (mmav, mma with order/dorder) into
#            $1/tuning, then the burst-timed fp32 benchmark (SwiGLU and ReLU, B=1-4096, CLBlast
#            and PyTorch beside it: ../results/2026-11-26-h200-burst/command.sh)
#   formats: every format at B=1/16/64/256 (formats.sh of the same folder), with $1/tuning as
#            the user overlay (copy the tune's folder there first)
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
if [ "$2" = tune ]; then
  $b/flashmlp-tune --weights q8_0,q4_0 --batch 16,64,256 --strategies mma,mmav --total-budget 300 \
    --out $o/tuning/formats.db > $o/tune-formats.log 2>&1
  BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > /dev/null 2>&1
  grep -A8 'tuned ms' $o/tune-formats.log; cat $o/main-table.md
else
  FLASHMLP_TUNING_DIR=$o/tuning BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o > /dev/null 2>&1
  cat $o/formats-table.md
fi
