#!/bin/sh
# tuning/splice.py's checks. usage: splice_checks.sh <python3> <splice.py> <scratch folder>
set -u
py=$1
splice=$2
dir=$3
fail() { echo "splice_checks: $1"; exit 1; }
rm -rf "$dir" && mkdir -p "$dir" || fail "cannot create $dir"
db=$dir/dev.db
new=$dir/new.db
cat > "$db" <<'DB'
flashmlp-tuning 1
device vendor=nvidia arch=sm_90 measured=yes
# a comment kept as it is
entry wt=q4_0 H=64 I=160 B=129-512 strategy=tiled mt=64
entry wt=q8_0 H=64 I=160 B=129-512 strategy=tiled mt=64
entry wt=q4_0 H=64 I=160 B=513- strategy=tiled mt=128
DB
cat > "$new" <<'DB'
flashmlp-tuning 1
device vendor=nvidia arch=sm_90 measured=yes
entry wt=q4_0 H=64 I=160 B=129-192 strategy=tiled mt=32
entry wt=q4_0 H=64 I=160 B=257-320 strategy=tiled mt=32
entry wt=q4_0 H=64 I=160 B=600-700 strategy=tiled mt=16
entry wt=f16 H=64 I=160 B=1-8 strategy=tiled mt=8
DB
"$py" "$splice" "$db" "$new" --tag "a test" > "$dir/out.txt" || fail "splice.py failed"
cat > "$dir/want.db" <<'DB'
flashmlp-tuning 1
device vendor=nvidia arch=sm_90 measured=yes
# a comment kept as it is
# entry wt=q4_0 H=64 I=160 B=129-512 strategy=tiled mt=64  (replaced in a test, below)
entry wt=q4_0 H=64 I=160 B=129-192 strategy=tiled mt=32
entry wt=q4_0 H=64 I=160 B=193-256 strategy=tiled mt=64
entry wt=q4_0 H=64 I=160 B=257-320 strategy=tiled mt=32
entry wt=q4_0 H=64 I=160 B=321-512 strategy=tiled mt=64
entry wt=q8_0 H=64 I=160 B=129-512 strategy=tiled mt=64
# entry wt=q4_0 H=64 I=160 B=513- strategy=tiled mt=128  (replaced in a test, below)
entry wt=q4_0 H=64 I=160 B=513-599 strategy=tiled mt=128
entry wt=q4_0 H=64 I=160 B=600-700 strategy=tiled mt=16
entry wt=q4_0 H=64 I=160 B=701- strategy=tiled mt=128
entry wt=f16 H=64 I=160 B=1-8 strategy=tiled mt=8
DB
diff "$dir/want.db" "$db" || fail "the spliced database differs from the expected one (above)"
grep -q "^appended entry wt=f16" "$dir/out.txt" || fail "the appended entry was not reported"
# a malformed batch range is refused, and the file is left as it was
cp "$db" "$dir/before.db"
printf 'entry wt=q4_0 H=64 I=160 B=x strategy=tiled mt=4\n' > "$new"
"$py" "$splice" "$db" "$new" > /dev/null 2>&1 && fail "a bad batch range was accepted"
cmp -s "$db" "$dir/before.db" || fail "a refused splice changed the database"
# --min-gain: only the entries whose tuner comment shows at least that gain over the shipped choice
printf '%s\n' 'flashmlp-tuning 1' \
  '# B=16: 0.1189 ms; generic (generic:x.db:6) 0.4359 ms: 3.67x; shipped (arch:y.db:88) 0.1559 ms: 1.31x' \
  'entry wt=q8_0 H=64 I=160 B=9-16 strategy=tiled mt=16' \
  '# B=32: 0.2806 ms; generic (generic:x.db:6) 1.0082 ms: 3.59x; shipped (arch:y.db:107) 0.2806 ms: 1.00x' \
  'entry wt=q8_0 H=64 I=160 B=17-32 strategy=tiled mt=32' \
  '# B=64: 0.2285 ms (2 candidates)' \
  'entry wt=q8_0 H=64 I=160 B=33-64 strategy=tiled mt=64' > "$new"
"$py" "$splice" "$db" "$new" --tag "a gain test" --min-gain 1.03 > "$dir/out.txt" || fail "splice.py --min-gain failed"
grep -q "^entry wt=q8_0 H=64 I=160 B=9-16 strategy=tiled mt=16" "$db" || fail "--min-gain left out a 1.31x entry"
grep -q "B=17-32\|B=33-64" "$db" && fail "--min-gain took a 1.00x entry or one without a comparison"
grep -q "^kept out (1.00x) entry wt=q8_0 H=64 I=160 B=17-32" "$dir/out.txt" || fail "the 1.00x entry was not reported"
grep -B1 "^entry wt=q8_0 H=64 I=160 B=9-16" "$db" | head -1 | grep -q "^# a gain test: B=16: 0.1189 ms; .*: 1.31x$" ||
    fail "the spliced entry lost its tuner comment"
grep -q "^kept out (no comparison with the shipped choice) entry wt=q8_0 H=64 I=160 B=33-64" "$dir/out.txt" || fail "the entry without a comparison was not reported"
echo "splice_checks: passed"
