#!/bin/bash
# Twenty-seventh session, call 5 (H200): flashmlp-mmaprobe's conversion kinds again, as
# dependent chains. Call 2's version fed each conversion the same register every round, and
# its four kinds (cvt.rn.f16x2.f32, cvt.f32.f16, add.rn.f16x2, fma.rn.f32) all took 38-42 us
# for 2048 rounds: more results a clock than a compute unit issues instructions, so ptxas had
# moved the loop-invariant instruction out of the loop and the call measured the adds.
# Prediction (written before the call): cvt.rn.f16x2.f32 and cvt.f32.f16 at a quarter to a half
# of fma.rn.f32's rate, which would be why mmav's hp lost where every weight takes them (fp32,
# bf16) and won where none does (f16).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
timeout 60 $b/flashmlp-mmaprobe --runs 10 --iters 2048 > $o/probe.txt 2>&1
timeout 60 $b/flashmlp-mmaprobe --runs 10 --iters 2048 --groups-per-cu 4 > $o/probe4.txt 2>&1
cat $o/probe.txt $o/probe4.txt $o/gpu.txt
