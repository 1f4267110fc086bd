#!/bin/bash
# Twenty-third session, call 1 (H200). Exact affine_q3 at B = 24-32 is the one cell of issue 5's
# "no format slower than fp32" left (0.97x / 0.95x: 303.1 / 318.7 us against fp32's 294.4 / 303.0,
# both on mmav tiles of 32 rows found by hand in the twenty-second session). No tune has started
# from a tile of 32 rows before: the mmav seed for B = 17-64 never fit NVIDIA's 48 KB of local
# memory (fixed in 5a1a338). flashmlp-tune from the new seeds for affine_q3 at B = 32 and 24 and
# for fp32 at B = 32 (mmav only; the shipped choice measured in each run), then flashmlp-bench
# with the tuned overlay against the shipped databases at B = 17, 24, 32, two rounds.
# Prediction: affine_q3 1.00-1.05x over its shipped tile (B=32 318 -> 300-318 us), fp32
# 1.00-1.04x (303 -> 290-303); affine_q3 against fp32 after both: 0.95-1.02x.
o=$1; b=${BUILD:-/tmp/bf}
. "$(dirname "$0")/gpu_lib.sh"
gpu_header
mkdir -p $o/ovl
T() { # name budget args...
  local n=$1 t=$2; shift 2
  timeout -s INT $((t + 40)) $b/flashmlp-tune --shape 4096x14336 --total-budget $t \
    --out $o/ovl/$n.db "$@" > $o/tune-$n.log 2>&1
}
F32T="strategy=mmav wg=2 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=4 dkw=4 dfb=4 dku=2 dpf=1 splits=4 iw=1 wl=0"
WL="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=2 iw=1 wl=1"
SP4="strategy=mmav wg=4 kw=2 fm=2 fb=4 ku=2 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=1 splits=4 iw=1 wl=0"
T q3-b32 130 --batch 32 --weights affine_q3 --strategies mmav --try "$F32T" --try "$WL" --try "$SP4"
T f32-b32 90 --batch 32 --weights f32 --strategies mmav
T q3-b24 70 --batch 24 --weights affine_q3 --strategies mmav
# each tune's winner named whole (the overlay files' ranges overlap)
P() { grep -h "^entry" $o/ovl/$1.db 2>/dev/null | head -1 | grep -o "strategy=.*"; }
PQ32=$(P q3-b32); PF32=$(P f32-b32); PQ24=$(P q3-b24)
echo "q3-b32: $PQ32"; echo "f32-b32: $PF32"; echo "q3-b24: $PQ24"
L="--shapes llama3-8b --batch 17,24,32"
for r in 1 2; do
  R ship-r$r "" $L --weights f32,affine_q3
  [ -n "$PQ32" ] && R q3t32-r$r "$PQ32" $L --weights affine_q3
  [ -n "$PQ24" ] && R q3t24-r$r "$PQ24" $L --weights affine_q3
  [ -n "$PF32" ] && R f32t-r$r "$PF32" $L --weights f32
done
for f in $o/ovl/*.db; do echo "== $f"; grep -h "^entry" $f | cut -c1-300; done
gpu_summary
