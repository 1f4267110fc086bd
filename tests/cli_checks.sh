#!/bin/sh
# The CLI's checks of its inputs. usage: cli_checks.sh <flashmlp> <scratch folder>
set -u
cli=$1
dir=$2
fail() { echo "cli_checks: $1"; exit 1; }

# 1. q4_0 weights with I = 100 (down's rows are I long, not whole 32-weight blocks): refused
#    with a failing status, naming the block, before a device is opened.
out=$("$cli" run --weights q4_0 --hidden 256 --intermediate 100 --batch 1 2>&1)
rc=$?
echo "$out"
[ "$rc" -ne 0 ] || fail "a q4_0 run with I = 100 exited 0"
echo "$out" | grep -q "multiples of 32, not 256 and 100" || fail "the message does not name the block"
echo "$out" | grep -q "^device:" && fail "a device was opened before the shape was checked"

# 2. An overlay file with no device line is skipped, and said so on stderr; the run goes on.
rm -rf "$dir" && mkdir -p "$dir" || fail "cannot create $dir"
printf 'flashmlp-tuning 1\nentry B=1 strategy=stream\n' > "$dir/nodevice.db"
out=$(FLASHMLP_TUNING_DIR=$dir "$cli" run --hidden 64 --intermediate 128 --batch 1 --reps 1 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || fail "the run with a skipped overlay file failed"
echo "$out" | grep -q "tuning database skipped: .*nodevice.db:2: entry before the device line" ||
    fail "the skipped overlay file was not reported"
echo "cli_checks: passed"
