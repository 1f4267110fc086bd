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
# 3. The loop switches of the kernels (cl/common.cl, cl/mlp_mma.cl) still build and compute
#    right on this device: FMLP_K_ROLLED on each kernel whose loops it marks (mma with hp=0 and
#    hp=1, mmav, tiled; emu=1 runs the tensor-core kernels anywhere), FMLP_K_FULL on mma's hp=0
#    kernel, whose short loops are otherwise kept rolled on NVIDIA. Each run checks its rows
#    against the double-precision reference and exits 1 on a mismatch.
hp0="strategy=mma emu=1 hp=0 mt=32 nt=32 kt=16 wm=2 wn=1 dmt=32 dnt=32 dkt=16 dwm=2 dwn=1 splits=2"
for case in "-DFMLP_K_ROLLED|$hp0" "-DFMLP_K_ROLLED|strategy=mma emu=1 hp=1" \
            "-DFMLP_K_ROLLED|strategy=mmav emu=1" "-DFMLP_K_ROLLED|strategy=tiled" \
            "-DFMLP_K_FULL|$hp0"; do
    opt=${case%%|*}
    ov=${case#*|}
    out=$(FLASHMLP_BUILD_OPTIONS=$opt FLASHMLP_OVERRIDES=$ov "$cli" run --hidden 96 \
          --intermediate 160 --batch 1,37 --reps 1 2>&1)
    rc=$?
    echo "$out"
    [ "$rc" -eq 0 ] || fail "$opt with $ov failed"
    echo "$out" | grep -q "all checks passed" || fail "$opt with $ov: no check passed"
    echo "$out" | grep -qF "$ov" || fail "$opt: the plan did not take $ov"
done
echo "cli_checks: passed"
