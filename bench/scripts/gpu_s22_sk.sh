#!/bin/bash
# Twenty-second session, call 1.
# (1) ops/stream_rows_in_registers and ops/stream_skip_rows on the card (rb=1 had run on a GPU
#     only through the benchmark's sample-row checks; sk is new).
# (2) sk: the last batch tile's rows past the batch skipped. Llama-3-8B at B = 3 and 7 (part-
#     filled tiles of the shipped stream plans: 4 rows at B = 3-4, 8 rows at 5-8 for int8 and
#     exact affine_q3) and at B = 4 and 8 (full tiles: the branches alone), sk=0 against sk=1 as
#     keys alone, two rounds alternating.
# (3) rb=1 with 16 rows (S16, sk=1) for exact affine_q3, affine_q8, q4_0 at B = 12, 16, 24, 32
#     against the shipped tiles, fp32 in the run (exact affine_q3 is 0.95x fp32 at B = 9-32 on
#     the H200, the last such cells of issue 5).
# (4) exact affine_q3 at B=8 on a stream plan of 8 rows with rb=1 on the other shapes (the
#     H200's Llama entry is the only one).
# Prediction: (2) B=3 1.1-1.2x for the exact block formats (q4_0 113 -> 90-100 us on the H200),
# 1.0-1.1x int8, fp32 and 16-bit level (their B = 3-4 plans are not all stream plans); B=7 on the
# 8-row plans 1.05-1.12x; B = 4 and 8 within 2%. (3) affine_q3 at 16 200 -> 185-200 us, at 12
# 10-20% below its B=16 time; the others slower than their mmav tiles. (4) 1.0-1.15x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
for t in stream_rows_in_registers stream_skip_rows; do
  (cd $b && timeout 240 ./tests/test_ops --filter "ops/$t" --jobs 4) > $o/test-$t.txt 2>&1
  tail -1 $o/test-$t.txt
done
W=f32,f16,q8_0,q4_0,affine_q3
for r in 1 2; do
  R sk0-r$r "sk=0" --shapes llama3-8b --batch 3,4,7,8 --weights $W --precision exact,int8
  R sk1-r$r "sk=1" --shapes llama3-8b --batch 3,4,7,8 --weights $W --precision exact,int8
done
S16="strategy=stream wgs=256 kl=16 ti=64 bt=16 vw=1 xc=256 cu=4 re=16 rg=16 xv=4 rb=1 sk=1"
for r in 1 2; do
  R ship16-r$r "" --shapes llama3-8b --batch 12,16,24,32 --weights f32,affine_q3,affine_q8,q4_0
  R s16-r$r "$S16" --shapes llama3-8b --batch 12,16,24,32 --weights affine_q3,affine_q8,q4_0
done
S8="strategy=stream wgs=256 kl=16 ti=64 bt=8 vw=1 xc=512 cu=4 re=16 rg=16 xv=4 rb=1"
for s in qwen2.5-7b gemma-2b llama3-70b-tp8 gpt2; do
  R $s-b8-ship "" --shapes $s --batch 8 --weights f32,affine_q3
  R $s-b8-s8 "$S8" --shapes $s --batch 8 --weights affine_q3
done
gpu_summary
