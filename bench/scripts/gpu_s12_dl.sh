#!/bin/bash
# Twelfth session: phase 2's first loads issued before phase 1's lane reduction and activation
# (stream parameter dl), against the same plans without, in one build. Prediction: 1-2 us off
# every B=1 plan (one load latency of the device-wide bubble at the phase change: all work-groups
# are resident and change phase together), a little less at B=2-8. Each shipped plan's parameter
# string is read from a first run and given back as an override with dl=0 and with dl=n.
# (1) flashmlp run --profile, medians of 9, plans alternating (two rounds for f32, f16 and
# q4_0+int8); (2) some f16 slice shapes with and without; (3) flashmlp-bench (burst) at the
# shipped plan and its dl variant. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
date -u > $o/date.txt
. bench/scripts/gpu_prof.sh
plan() { # plan <weights> <B> [run options]: the shipped plan's parameter string
  timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 2 --check-rows 1 $3 2>&1 |
    grep -o 'strategy=[^(]*' | head -1 | sed 's/ *$//'
}
declare -A P
cases="f32:1: f16:1: bf16:1: q4_0:1: q4_0:1:int8 q8_0:1: q8_0:1:int8 affine_q2:1:int8 affine_q4:1: f32:2: q4_0:8:int8"
{
for c in $cases; do
  IFS=: read w B p <<< "$c"; opt=""; [ -n "$p" ] && opt="--precision $p"
  P[$c]=$(plan $w $B "$opt"); echo "# $c: ${P[$c]}"
done
for r in 1 2; do
  for c in $cases; do
    IFS=: read w B p <<< "$c"; opt=""; [ -n "$p" ] && opt="--precision $p"
    case "$w" in f32|f16|bf16) dls="4 8";; *) dls="1";; esac
    [ $r = 2 ] && case "$c" in f32:1:|f16:1:|q4_0:1:int8) ;; *) continue;; esac
    s=${P[$c]}; case "$s" in *strategy=stream*) ;; *) echo "# $c: not a stream plan"; continue;; esac
    prof $w $B "${p}dl0-r$r" "$s" "$opt"
    for d in $dls; do prof $w $B "${p}dl$d-r$r" "${s/dl=0/dl=$d}" "$opt"; done
  done
done
for v in "wgs=512 kl=32 ti=64" "wgs=512 kl=16 ti=64" "wgs=256 kl=8 ti=64" "wgs=1024 kl=32 ti=64"; do
  for d in 0 4; do
    prof f16 1 "$(echo $v | tr ' =' '_-')-dl$d" "strategy=stream $v bt=1 vw=8 xc=2048 dl=$d"
  done
done
} > $o/ab.txt 2>&1
for c in f32:1: f16:1: bf16:1: q4_0:1: q4_0:1:int8 q8_0:1:int8 affine_q2:1:int8; do
  IFS=: read w B p <<< "$c"; s=${P[$c]}; [ -z "$s" ] && continue
  case "$w" in f32|f16|bf16) d=4;; *) d=1;; esac
  for v in dl0 dl$d; do
    ov=$s; [ $v != dl0 ] && ov=${s/dl=0/dl=$d}
    FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu --batch $B \
      --weights $w --precision ${p:-exact} --impl flashmlp --reps 10 --budget 0.3 \
      --csv $o/bench-$w-$B-${p:-exact}-$v.csv --no-plot > $o/bench-$w-$B-${p:-exact}-$v.log 2>&1
  done
done
cat $o/gpu.txt
grep "^#" $o/ab.txt | cut -c1-160
grep -v "^#" $o/ab.txt | sort -k1,1 -k2,2n -k3,3 -s | cut -c1-140
for f in $o/bench-*.csv; do
  echo "$(basename $f .csv) $(grep -v '^#' $f | awk -F, 'NR > 1 {print $7, $9}' | head -1)"
done
