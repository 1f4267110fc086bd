#!/bin/bash
# For the next session (written in the twenty-third, not run: its device time was spent).
# (1) flashmlp-mmaprobe: the mma.sync rates on this card. Prediction: tf32 m16n8k8 and f16/bf16
#     m16n8k16 at about the same instructions a nanosecond (so f16 twice the TFLOP/s), s8
#     m16n8k32 at the same again (4x tf32's TOP/s). If f16 issues at tf32's instruction rate,
#     the fp16-pair design of bench/PERFLOG.md (twenty-third session) halves the exact tensor-core
#     kernels' mma instructions and is worth building; if f16's TFLOP/s equal tf32's, it is not.
# (2) Gemma-2B's other exact block formats at B = 24/32 on Gemma's tuned affine_q3 tile (8 down
#     splits, dku=2) against their shipped Q tile (128 down work-groups for 132 compute units)
#     and fp32. Prediction 1.15-1.3x (affine_q3 gained 1.26x from the splits alone), every one
#     ahead of fp32 (affine_q4 and affine_q8 were 0.95-1.00x of it).
# (3) fp32 at B = 9-16 with the 32-row tile's ku=2 dku=2 on the B = 9-16 entry's shape (issue 3's
#     B=16: 200.8 us, 1.29x the floor). Prediction: 0-3% (the B=16 kernel is bound by its loads
#     in flight, not by the k-steps ku changes).
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
$b/flashmlp-mmaprobe > $o/mmaprobe.txt 2>&1
$b/flashmlp-mmaprobe --groups-per-cu 4 --iters 8192 >> $o/mmaprobe.txt 2>&1
G="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=1 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=0 splits=8 iw=1 wl=0 na=0"
W="q8_0,q4_0,affine_q2,affine_q4,affine_q8"
B16="strategy=mmav wg=2 kw=2 fm=1 fb=2 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=1 splits=4 iw=0 wl=0"
for r in 1 2; do
  R gemma-ship-r$r "" --shapes gemma-2b --batch 24,32 --weights f32,$W
  R gemma-g-r$r "$G" --shapes gemma-2b --batch 24,32 --weights $W
  R b16-ship-r$r "" --shapes llama3-8b --batch 12,16 --weights f32
  R b16-ku2-r$r "$B16" --shapes llama3-8b --batch 12,16 --weights f32
done
cat $o/mmaprobe.txt
gpu_summary
