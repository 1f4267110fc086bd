#!/bin/bash
# Thirty-fifth session, second call (H200). s35-a: GPT-2's plan (768x3072 plain GELU tanh with
# biases) took 40.8 s cold with NVIDIA's compute cache off, 38.1 s with FMLP_K_ROLLED, while
# GPT-2's shape as a gated SiLU MLP (on other tiles) took 3.1 s; two of its eight programs were
# 1.2 MB of PTX each, the others 30-150 KB; clang's NVPTX back end gives the same program 160 KB
# (no blow-up there). Which part of the shipped B = 257-2048 tile (mma 64x64 kt=32 2x2 warps,
# down 64x64 dkt=32, splits=2, hp=1) makes NVIDIA's compiler slow: one tile forced over every
# batch through a user overlay (FLASHMLP_TUNING_DIR), a fresh process and an empty disk cache
# each, the compute cache off; the programs come back for their PTX.
# Prediction, written before the call: the plain kind's gate/up kernel with its bias (v1, v2,
# v3 at 15-20 s, v4 gated and v5 Llama plain 1-3 s would say the kind and the shape together);
# the PTX's size in one kernel whose loop over H (24 k-tiles) is unrolled whole.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
T start
HDR='flashmlp-tuning 1
device vendor=nvidia arch=sm_90 name="NVIDIA H200" cus=132 driver="580.159.04" measured=yes'
TILE="mt=64 nt=64 kt=32 wm=2 wn=2 dmt=64 dnt=64 dkt=32 dwm=2 dwn=2 splits=2 order=0 dorder=0 iw=0 hp=1 emu=0"
G="--hidden 768 --intermediate 3072"
one() { local n=$1 key=$2 tile=$3 opt=$4; shift 4
  local d=/tmp/ov-$n; rm -rf $d /tmp/cc-$n; mkdir -p $d /tmp/cc-$n
  printf '%s\nentry %s B=1-4096 strategy=mma %s\n' "$HDR" "$key" "$tile" > $d/user.db
  local t0=$(date +%s.%N)
  FLASHMLP_TUNING_DIR=$d CUDA_CACHE_DISABLE=1 FLASHMLP_CACHE_DIR=/tmp/cc-$n \
    FLASHMLP_BUILD_OPTIONS="$opt" timeout 120 $b/flashmlp run "$@" --reps 1 --check-rows 1 \
    --batch 300 > $o/run-$n.txt 2>&1
  echo "rc=$? wall=$(awk -v a=$t0 -v b=$(date +%s.%N) 'BEGIN {printf "%.1f", b - a}')" >> $o/run-$n.txt
  mkdir -p $o/bin-$n && cp /tmp/cc-$n/* $o/bin-$n/ 2>/dev/null
  T $n; }
P="kind=plain act=gelu_tanh wt=f32 pr=exact"
one gp "$P H=768 I=3072" "$TILE" "" $G --plain --bias --act gelu_tanh
one gp-rolled "$P H=768 I=3072" "$TILE" -DFMLP_K_ROLLED $G --plain --bias --act gelu_tanh
one gp-nobias "$P H=768 I=3072" "$TILE" "" $G --plain --act gelu_tanh
one gg "kind=gated act=silu wt=f32 pr=exact H=768 I=3072" "$TILE" "" $G
one lp "$P H=4096 I=14336" "$TILE" "" --plain --bias --act gelu_tanh
one gp-hp0 "$P H=768 I=3072" "${TILE/hp=1/hp=0}" "" $G --plain --bias --act gelu_tanh
one gp-s1 "$P H=768 I=3072" "${TILE/splits=2/splits=1}" "" $G --plain --bias --act gelu_tanh
one gp-old "$P H=768 I=3072" "mt=64 nt=64 kt=16 wm=1 wn=4 dmt=64 dnt=128 dkt=32 dwm=2 dwn=4 splits=1 hp=1 emu=0" "" $G --plain --bias --act gelu_tanh
for f in $o/run-*.txt; do n=$(basename $f .txt); n=${n#run-}
  echo "$n: $(grep -ho 'ready in [0-9.]* s' $f) $(tail -1 $f) ptx=$(cat $o/bin-$n/* 2>/dev/null | wc -c) $(grep -c 'passed' $f)"; done
