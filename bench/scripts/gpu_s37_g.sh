#!/bin/bash
# Thirty-seventh session, last call (H200): the record (gpu_record.sh) with the session's final
# nvidia-h200.db, no overlay. Prediction: SwiGLU as s37-e within noise; ReLU B=1 ~118 us, B=2
# ~126, B=8 ~123, B=32 ~194, the rest as s37-e. Then one candidate: the ReLU MLP at B=16 on the
# B=17-32 tile now shipped (M32), two rounds against the shipped entry; prediction level to 1.05x.
o=$1; b=${BUILD:-/tmp/bf}
d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/record
BUILD=$b timeout 240 bash $d/gpu_record.sh $o/record > $o/record/cmd.log 2>&1
gpu_header
unset FLASHMLP_TUNING_DIR
T record
M32="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=0 wl=0 na=2"
a="--shapes llama3-8b --ops relu --weights f32 --budget 0.2 --reps 10 --batch 16"
for r in 1 2; do R old16-r$r "" $a; R M32-16-r$r "$M32" $a; done
T end
cat $o/times.txt
cat $o/record/main-table.md | cut -d'|' -f2-13 | grep -v "^ ---"
gpu_summary
