# Shared by the GPU call scripts (source it): the card, the benchmark runner and the summary.
# The caller sets o (the output folder) and b (the build folder).
# Two cards (an nvidia-h200-x2 machine, thirty-eighth session): run each part in a background
# subshell with FLASHMLP_DEVICE=0:0 or 0:1 and its own folder, then `wait`. Take every ratio
# within one card (the two differed by 2-5% in the same cells). NVIDIA's OpenCL honours
# CUDA_VISIBLE_DEVICES: with it set to one card, that card is 0:0.
gpu_header() {
  nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader > $o/gpu.txt
  date -u > $o/date.txt
}
# R name overrides [flashmlp-bench options]: FlashMLP only, 10 reps, into $o/name.csv and .log
R() { local n=$1 ov=$2; shift 2
  FLASHMLP_OVERRIDES="$ov" timeout ${RT:-60} $b/flashmlp-bench --impl flashmlp --reps 10 \
    --budget 0.25 --csv $o/$n.csv --no-plot "$@" > $o/$n.log 2>&1; }
# one line a CSV: weights[/acts where not f32]/B time_us (! where the reference check failed)
gpu_summary() {
  cat $o/gpu.txt
  for f in $o/*.csv; do
    echo "$(basename $f .csv): $(grep -v '^#' $f | awk -F, 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i; next}
      {a = ("acts" in h && $h["acts"] != "f32") ? "/" $h["acts"] : "";
       printf "%s%s/%s %s%s; ", $h["weights"], a, $h["B"], $h["time_us"], ($h["check"] == "ok" ? "" : "!")}')"
  done
  # an overlay the library refused (s48-d's had no header: its runs took the file)
  grep -h "tuning database skipped" $o/*.log 2>/dev/null | sort -u | sed 's/^/WARNING: /'
}
# gpu_ptx_loads dir...: each disk-cache entry's kernels and its global loads by kind (the PTX
# of NVIDIA's programs, FLASHMLP_CACHE_DIR=dir while they were built), one pair of lines a file
gpu_ptx_loads() {
  for d in "$@"; do
    for f in $d/*; do
      [ -f "$f" ] || continue
      echo "== $(basename $d) $(basename $f) $(grep -ao '\.entry [a-z_0-9]*' $f | tr '\n' ' ')"
      grep -ao 'ld\.global[a-z0-9.:_]*' $f | sort | uniq -c | tr '\n' ';'
      echo
    done
  done
}
# gpu_tune name budget tune-args...: flashmlp-tune with --total-budget budget (seconds) into
# $o/name.db and its output into $o/name.log, interrupted 20 s past the budget
gpu_tune() { local n=$1 t=$2; shift 2
  timeout -s INT -k 20 $((t + 20)) $b/flashmlp-tune "$@" --total-budget $t --out $o/$n.db \
    > $o/$n.log 2>&1; }
# gpu_check name db bench-args...: the benchmark through the file and through an overlay of db,
# in the order file, overlay, overlay, file ($o/name-{file,overlay,overlay2,file2}.csv)
gpu_check() { local n=$1 db=$2 v; shift 2
  for v in file overlay overlay2 file2; do
    if [ ${v%2} = overlay ]; then export FLASHMLP_TUNING_DIR=$(overlay $db); else unset FLASHMLP_TUNING_DIR; fi
    RT=60 R $n-$v "" "$@" --budget 0.08 --reps 5
  done
  unset FLASHMLP_TUNING_DIR; }
# T label: a timestamp line in $o/times.txt
T() { echo "$(date +%s) $1" >> $o/times.txt; }
# overlay file...: a fresh folder holding the given databases, for FLASHMLP_TUNING_DIR
overlay() { local d; d=$(mktemp -d) && cp "$@" "$d"/ && echo "$d"; }
# gpu_cold_plan name [flashmlp run options...]: a plan made in a fresh process with NVIDIA's
# compute cache off, an empty disk cache of its own and 16 build threads ("plan and weights
# ready in" is the cold build) into $o/cold-name.txt; each program's PTX size and mma.sync count
# per kernel into $o/ptx-name.txt. FLASHMLP_BUILD_OPTIONS and the like pass through.
gpu_cold_plan() { local n=$1; shift
  rm -rf /tmp/cc-$n; mkdir -p /tmp/cc-$n
  CUDA_CACHE_DISABLE=1 FLASHMLP_BUILD_THREADS=16 FLASHMLP_CACHE_DIR=/tmp/cc-$n timeout 150 \
    $b/flashmlp run "$@" > $o/cold-$n.txt 2>&1
  echo "rc=$?" >> $o/cold-$n.txt
  for f in /tmp/cc-$n/*; do
    [ -f "$f" ] || continue
    echo "$(wc -c < $f) $(grep -ao '\.entry [a-z_0-9]*\|mma\.sync' $f | awk '/entry/ {n = $2} /mma/ {c[n]++} END {for (k in c) printf "%s:%d ", k, c[k]}')"
  done > $o/ptx-$n.txt
  T cold-$n; }
# Named mma tiles that won somewhere on the H200 (the call scripts of the thirty-eighth and
# thirty-ninth sessions spelt them out; later ones take them from here). Overrides for R.
TILE_G0="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=16 order=0 dorder=0 iw=0 na=1 hp=1 se=0"
TILE_G="${TILE_G0/iw=0/iw=1}"
TILE_F2="strategy=mma mt=64 nt=112 kt=32 wm=4 wn=2 dmt=64 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=0"
TILE_T3="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=0 hp=1 se=1"
TILE_QT="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=2 hp=1 se=1"
TILE_Q2="strategy=mma mt=128 nt=64 kt=32 wm=4 wn=4 dmt=128 dnt=128 dkt=32 dwm=4 dwn=4 splits=4 order=0 dorder=0 iw=1 na=1 hp=1 se=1"
TILE_RQ3="strategy=mma mt=128 nt=112 kt=32 wm=4 wn=2 dmt=128 dnt=128 dkt=32 dwm=4 dwn=2 splits=4 order=0 dorder=0 iw=1 na=0 hp=1 se=0"
TILE_SQ="strategy=mma mt=64 nt=32 kt=32 wm=4 wn=2 dmt=64 dnt=64 dkt=32 dwm=4 dwn=2 splits=1 order=0 dorder=0 iw=1 na=1 hp=1 se=0"
# gpu_burst name variants-file bench-args...: the benchmark once per override line of
# variants-file (an empty line is the file's entry), in two rounds of opposite orders, into
# $o/name-vJ-rK.csv; the variants with their numbers into $o/variants.txt (the forty-fifth and
# forty-sixth sessions' scripts each wrote this loop out as their cell())
gpu_burst() { local n=$1 f=$2 i j k m; shift 2; local v=()
  mapfile -t v < "$f"; m=${#v[@]}
  for k in 1 2; do
    for ((i = 0; i < m; i++)); do
      j=$i; [ $k = 2 ] && j=$((m - 1 - i))
      RT=${RT:-40} R $n-v$j-r$k "${v[$j]}" "$@"
    done
  done
  for ((j = 0; j < m; j++)); do echo "$n v$j: ${v[$j]:-(entry)}"; done >> $o/variants.txt; }
# gpu_tune_check name budget "bench-args" tune-args...: gpu_tune, then, where the tuner measured
# its winner at least ${MIN_GAIN:-1.03}x faster than the shipped databases' choice, gpu_check of
# the winner with bench-args (which name the same cell)
gpu_tune_check() { local n=$1 t=$2 args=$3 g; shift 3
  gpu_tune $n $t "$@"; T $n
  g=$(grep '^# B=' $o/$n.db 2>/dev/null | sed -n 's/.*shipped ([^)]*) [0-9.]* ms: \([0-9.]*\)x.*/\1/p' | sort -g | tail -1)
  echo "$n: tuner ${g:-none}x against the shipped choice" >> $o/gains.txt
  if [ -n "$g" ] && awk -v g=$g -v m=${MIN_GAIN:-1.03} 'BEGIN {exit !(g >= m)}'; then
    gpu_check $n $o/$n.db $args; T check-$n
  fi; }
