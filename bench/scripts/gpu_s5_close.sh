#!/bin/bash
# Fifth session's closing calls. $1: output folder; $2: "tune" or "formats"; build in $BUILD.
#   tune:    flashmlp-tune for q8_0 and q4_0 at B=16/64/256 (mmav, mma with order/dorder) into
#            $1/tuning, then the burst-timed fp32 benchmark (SwiGLU and ReLU, B=1-4096, CLBlast
#            and PyTorch beside it: ../results/2026-11-26-h200-burst/command.sh)
#   formats: flashmlp-tune for the plain ReLU MLP at B=512/1024 and a ReLU benchmark with it as
#            the user overlay; then every format at B=1/16/64/256 (formats.sh of the same
#            folder) with the shipped databases
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/tuning
if [ "$2" = tune ]; then
  $b/flashmlp-tune --weights q8_0,q4_0 --batch 16,64,256 --strategies mma,mmav --total-budget 300 \
    --out $o/tuning/formats.db > $o/tune-formats.log 2>&1
  BUILD=$b bash bench/results/2026-11-26-h200-burst/command.sh $o > /dev/null 2>&1
  grep -A8 'tuned ms' $o/tune-formats.log; cat $o/main-table.md
else
  # ReLU at B=512/1024 (0.99x/0.96x the CLBlast chain with the B=256 tile): tuned, then timed
  # beside CLBlast with the tune's database as the user overlay
  $b/flashmlp-tune --kind plain --act relu --batch 512,1024 --strategies mma --total-budget 150 \
    --out $o/tuning/relu.db > $o/tune-relu.log 2>&1
  FLASHMLP_TUNING_DIR=$o/tuning $b/flashmlp-bench --shapes llama3-8b --ops relu --batch 256,512,1024,4096 \
    --impl clblast,flashmlp --clblast-params bench/clblast-tuned-h200 --reps 10 --budget 0.5 \
    --csv $o/relu.csv --no-plot > $o/relu.log 2>&1
  BUILD=$b bash bench/results/2026-11-26-h200-burst/formats.sh $o > /dev/null 2>&1
  grep -A3 'tuned ms' $o/tune-relu.log; grep -A6 '^Summary' $o/relu.log; cat $o/formats-table.md
fi
