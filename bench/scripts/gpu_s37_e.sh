#!/bin/bash
# Thirty-seventh session, fifth call (H200): tuning/nvidia-h200.db with s37-final.db and
# s37-formats.db spliced in (no overlay), Release build on the card.
# 1. The record (gpu_record.sh): Llama-3-8B SwiGLU and ReLU, tuned CLBlast chain, cuBLAS.
#    Prediction: SwiGLU as s36-g within noise (B=1 ~167 us, 4096 ~22.4 ms); ReLU B=128 ~560 us
#    (s36-g 728.9, cuBLAS 695.5), 512 ~2170, 4096 ~16.2 ms (s36-g cuBLAS about 19 ms): ReLU ahead of
#    cuBLAS fp32 at every batch.
# 2. Candidates, overrides against the shipped lookup, one round: H2i (the shard's fp32 B=65-128
#    tile with iw=1) for the shard's block formats at 80/128 (now 0.68-0.72x of fp32);
#    T3 for the shard's block formats at 400; hp=1 merged onto Qwen's block-format entries at
#    48/64; Llama SwiGLU's B=17-32 mmav tile (M32) for the ReLU MLP at B=32 (52% of its floor in
#    s36-g, on sm_90's shape-less mmav tile). Prediction: H2i 1.2-1.4x; T3 at 400 1.3x; hp at 48
#    1.1-1.3x; M32 1.1-1.3x.
# 3. Through the file, every format beside fp32 (fp32 x): Qwen 48/80/160/256/4096, Gemma
#    48/80/160/4096, the shard 80/128/256/400/4096. Prediction: each format's time within 3% of
#    its s37-d candidate's; bf16/affine_q2/affine_q8 (not measured in s37-d) at or above fp32.
o=$1; b=${BUILD:-/tmp/bf}
d=$(dirname "$0")
. "$d/gpu_lib.sh"
mkdir -p $o/record
BUILD=$b timeout 240 bash $d/gpu_record.sh $o/record > $o/record/cmd.log 2>&1
gpu_header
unset FLASHMLP_TUNING_DIR
T record
H2i="strategy=mma mt=64 nt=64 kt=32 wm=2 wn=4 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=1 order=0 dorder=0 iw=1 hp=1"
T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
M32="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=0 wl=0 na=2"
BW="q8_0,q4_0,affine_q3,affine_q4"
a="--budget 0.1 --reps 5"
R H2i-shard "$H2i" --shapes llama3-70b-tp8 --batch 80,128 --weights $BW $a
R T3-shard "$T3" --shapes llama3-70b-tp8 --batch 400 --weights $BW $a
R OH-qwen "hp=1" --shapes qwen2.5-7b --batch 48,64 --weights $BW $a
R old-relu32 "" --shapes llama3-8b --ops relu --batch 32 --weights f32 $a
R M32-relu32 "$M32" --shapes llama3-8b --ops relu --batch 32 --weights f32 $a
T candidates
W="--weights f32,f16,bf16,q8_0,q4_0,affine_q2,affine_q3,affine_q4,affine_q8 $a"
RT=150 R check-shard "" --shapes llama3-70b-tp8 --batch 80,128,256,400,4096 $W
RT=150 R check-qwen "" --shapes qwen2.5-7b --batch 48,64,80,160,256,4096 $W
RT=150 R check-gemma "" --shapes gemma-2b --batch 48,80,160,4096 $W
T check
cat $o/times.txt
cat $o/record/main-table.md | cut -d'|' -f2-12 | grep -v "^ ---"
gpu_summary
