#!/bin/bash
# Thirty-ninth session, second call (one H200): tunes of three cells left below fp32 weights.
# - the Llama-3-8B ReLU MLP's exact affine_q3 at B=256 (0.93-0.97x of fp32 at 80-256 in s38-b/d),
#   flashmlp-tune --strategies mma;
# - the 70B shard's f16 and bf16 at B=128 (0.94-0.96x of fp32 in s39-a; A65 and F2 lost 3-13%).
# The shipped lookup's choice is measured in each tune's run (its "shipped" line).
# Prediction: ReLU affine_q3 1.02-1.06x over its entry; the shard 1.00-1.05x (its tiles were
# tuned for fp32 at 128, where fp32 runs 433 us against f16's 453).
o=$1; b=${BUILD:-/tmp/bf}; d=$(dirname "$0")
. "$d/gpu_lib.sh"
gpu_header; T start
tune() { local n=$1 t=$2; shift 2
  timeout -s INT -k 20 $t $b/flashmlp-tune "$@" --strategies mma --out $o/$n.db > $o/$n.log 2>&1
  T $n; }
tune relu-q3 170 --shape 4096x14336 --kind plain --act relu --weights affine_q3 --batch 256 --budget 150
tune shard-f16 140 --shape 8192x3584 --weights f16 --batch 128 --budget 120
tune shard-bf16 140 --shape 8192x3584 --weights bf16 --batch 128 --budget 120
for n in relu-q3 shard-f16 shard-bf16; do echo "== $n"; grep '^# B=\|^entry' $o/$n.db; done
