# Sourced by the GPU scripts written from the tenth session on (the earlier ones each carry
# their own copy, as they ran): one `flashmlp run --profile` of a plan, summarized in one line.
# prof <weights> <B> <tag> <overrides> [run options]: "weights B tag total T us err E [ok]; kernel
# times"; the raw output in $o/raw-<weights>-<B>-<tag>.txt. Needs $o and $b; $REPS (default 9).
prof() {
  FLASHMLP_OVERRIDES="$4" timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps ${REPS:-9} \
    --check-rows 2 --profile $5 > $o/raw-$1-$2-$3.txt 2>&1
  awk -v w=$1 -v B=$2 -v t="$3" '$1 ~ /^[0-9]+$/ && NF > 5 {tot=$2*1000; err=$5}
    /fmlp_/ {k=k" "$1"="$2} /checks passed/ {ok=" ok"}
    END {print w, B, t, "total", tot, "us err", err ok ";", k}' $o/raw-$1-$2-$3.txt
}
# plan <weights> <B> [run options]: the parameter string of the plan the shipped databases give
# (for A/B scripts that hand it back as an override with one parameter changed; the twelfth
# session's gpu_s12_*.sh scripts carry their own copies, as they ran). Needs $b.
plan() {
  timeout 60 $b/flashmlp run --weights $1 --batch $2 --reps 2 --check-rows 1 $3 2>&1 |
    grep -o 'strategy=[^(]*' | head -1 | sed 's/ *$//'
}
# with_params "<plan string>" "k=v k=v ...": the plan string with those parameters set to those
# values (replacing their values where present, appended where not).
with_params() {
  local s=$1 kv k
  for kv in $2; do
    k=${kv%%=*}
    if echo " $s " | grep -q " $k=[0-9-]*"; then s=$(echo "$s" | sed -E "s/ $k=[0-9-]+/ $kv/")
    else s="$s $kv"; fi
  done
  echo "$s"
}
# bench1 <weights> <precision> <B> <tag> <overrides>: one flashmlp-bench run of FlashMLP alone on
# Llama-3-8B SwiGLU (burst), into $o/bench-<tag>.csv and .log. Needs $o and $b.
bench1() {
  FLASHMLP_OVERRIDES="$5" timeout 60 $b/flashmlp-bench --shapes llama3-8b --ops swiglu \
    --batch $3 --weights $1 --precision $2 --impl flashmlp --reps 10 --budget 0.3 \
    --csv $o/bench-$4.csv --no-plot > $o/bench-$4.log 2>&1
}
# bench_time <csv>: "time(floor)" of its row in us, "!" after the time where the check failed.
bench_time() {
  grep -v '^#' $1 | awk -F, 'NR == 2 {printf "%s%s(%s)", $9, ($21 == "ok" ? "" : "!"), $16}'
}
