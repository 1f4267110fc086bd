#!/bin/bash
# For the next session (written in the twenty-fourth, not run: its device time was spent;
# apply bench/scripts/next/s25-f16x2-pack.patch first, build the commit before it as $bo).
# The fp16 conversions at staging as cvt.rn.f16x2.f32
# (two values an instruction; the values exact in f16, the block formats' fields and f16
# weights, converted without the lo half's three steps). The old build ($bo) and the new one
# ($b), alternating, exact formats on their shipped hp entries, B = 128 and 4096; every row
# of the benchmark checked against the reference.
# Prediction: block formats and f16 2-6% faster, fp32 0-2%; every check ok.
o=$1; b=${BUILD:-/tmp/bf}; bo=${OLD:-/tmp/bo}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
W="f32,f16,q8_0,affine_q8"
RT=60
b=$bo R old-r1 "" --shapes llama3-8b --batch 128,4096 --weights $W
R new-r1 "" --shapes llama3-8b --batch 128,4096 --weights $W
gpu_summary
