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
# 2b. --accumulate: a plan with desc.accumulate, y holding a residual; the run checks y less
#    the residual against the reference (fp32 and bf16 y) and says what it ran.
for acts in f32 bf16; do
    out=$("$cli" run --accumulate --acts $acts --hidden 64 --intermediate 128 --batch 1,3 --reps 1 2>&1)
    rc=$?
    echo "$out"
    [ "$rc" -eq 0 ] || fail "the --accumulate run with $acts y failed"
    echo "$out" | grep -q "y += MLP(x) (accumulate)" || fail "the --accumulate run did not say so"
    echo "$out" | grep -q "all checks passed" || fail "the --accumulate run's checks did not pass"
done
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
# 4. FLASHMLP_DUMP_DIR writes each program built from source, build options first, as a file
#    that compiles on its own: bench/scripts/ptx_check.sh compiles the mma plan's program for
#    NVIDIA (clang-15 comes with Debian's PoCL) and finds its tensor-core instructions. A dump
#    folder that cannot be made costs nothing. Then ptx_check.sh's own count on two small
#    kernels: a private array read at a run-time index lives in local memory, at a fixed one it
#    does not.
dump=$dir/dump
ov="strategy=mma emu=1 hp=1"
out=$(FLASHMLP_CACHE=0 FLASHMLP_DUMP_DIR=$dump FLASHMLP_OVERRIDES=$ov "$cli" run --hidden 96 \
      --intermediate 160 --batch 1,37 --reps 1 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || fail "the run with FLASHMLP_DUMP_DIR failed"
ls "$dump"/*.cl >/dev/null 2>&1 || fail "no program was dumped into $dump"
prog=$(grep -l "^#define FMLP_H 96$" "$dump"/*.cl | head -1)
[ -n "$prog" ] || fail "no dumped program holds the plan's defines"
head -1 "$prog" | grep -q "^// build options: -cl-std=CL1.2" ||
    fail "the dump does not start with its options"
ls "$dump"/*.tmp.* >/dev/null 2>&1 && fail "a temporary dump file was left behind"
: > "$dir/notafolder"
out=$(FLASHMLP_CACHE=0 FLASHMLP_DUMP_DIR=$dir/notafolder/x "$cli" run --hidden 64 \
      --intermediate 128 --batch 1 --reps 1 2>&1)
[ $? -eq 0 ] || { echo "$out"; fail "an unusable FLASHMLP_DUMP_DIR failed the run"; }
check=$(dirname "$0")/../bench/scripts/ptx_check.sh
out=$("$check" "$prog" 2>&1)
rc=$?
echo "$out"
[ "$rc" -eq 0 ] || fail "ptx_check.sh failed on the dumped program"
echo "$out" | awk '$2 == "fmlp_mma_gateup" && $7 > 0 {ok = 1} END {exit !ok}' ||
    fail "ptx_check.sh found no mma.sync in the gate/up kernel"
for k in dynamic fixed; do
    i='get_global_id(0) % 8'
    [ "$k" = fixed ] && i=3
    cat > "$dir/$k.cl" <<EOF
__kernel void k(__global const float *x, __global float *y)
{
    float a[8];
    for (int j = 0; j < 8; ++j) a[j] = x[get_global_id(0) * 8 + j];
    y[get_global_id(0)] = a[$i];
}
EOF
done
out=$("$check" "$dir/dynamic.cl" "$dir/fixed.cl" 2>&1)
echo "$out"
echo "$out" | awk '$1 == "dynamic.cl" && $4 > 0 && $5 > 0 {ok = 1} END {exit !ok}' ||
    fail "ptx_check.sh did not see the run-time index's local memory"
echo "$out" | awk '$1 == "fixed.cl" && $4 == 0 && $5 == 0 {ok = 1} END {exit !ok}' ||
    fail "ptx_check.sh counted local memory for a fixed index"
"$check" "$dir/missing.cl" >/dev/null 2>&1 && fail "ptx_check.sh passed a file that is not there"

# 5. bench/scripts/hp_scan.sh lists the tensor-core cells whose entry has no hp=1, one line a
#    cell, and counts them: the H200's fp32 list is the 70B shard's B=48 and 64 (measured level
#    with hp, tests/test_database.c), the H100's (never tuned with hp) is not empty, and a
#    device string the tuner refuses fails the scan.
scan=$(dirname "$0")/../bench/scripts/hp_scan.sh
for d in "nvidia,sm_90,NVIDIA H200,132" "nvidia,sm_90,NVIDIA H100 80GB HBM3,132"; do
    out=$(TUNE="$cli tune" "$scan" "$d" 2>&1) || fail "hp_scan.sh failed for $d: $out"
    n=$(echo "$out" | tail -n 1 | sed -n 's/^\([0-9]*\) cells on mma entries without hp=1$/\1/p')
    [ -n "$n" ] || fail "hp_scan.sh printed no count for $d"
    [ "$n" -eq "$(echo "$out" | grep -c ' :: ')" ] || fail "hp_scan.sh's count is not its lines ($d)"
    case $d in
    *H200*) [ "$n" -eq 2 ] && [ "$(echo "$out" | grep -c '^gated/silu 8192x3584 f32/f32 exact B=\(48\|64\) ')" -eq 2 ] ||
                fail "hp_scan.sh on the H200: $out" ;;
    *) [ "$n" -gt 0 ] || fail "hp_scan.sh found nothing on the H100's file" ;;
    esac
done
TUNE="$cli tune" "$scan" "nvidia,sm_90,NVIDIA H200,abc" >/dev/null 2>&1 && fail "hp_scan.sh passed a device string the tuner refuses"
# 6. The H200's other weight formats (fp32 x): every cell of the scan is on an hp=1 tile but
#    those measured faster without it (bench/results/2026-11-29-h200-s38-f: GPT-2's 16-bit
#    weights at B = 257-4096, hp=1 merged 1.2-1.4x slower, G0 0.87-0.94x in s39-a; the shard's
#    q4_0 at 33-64, 1.12x slower; bf16's B = 513-2048 on Llama-3-8B, where its conversions
#    cost, the twenty-seventh session; at 2049- T3 with hp=1 measured 1.07x faster, s40-e) and the shard's B = 33-64 block-format cells, left with fp32's
#    there. The thirty-seventh and thirty-eighth sessions found 14-29 such cells a format and
#    moved them (1.2-2.0x); this keeps a new entry without hp from slipping in unmeasured.
h200="nvidia,sm_90,NVIDIA H200,132"
cells_of() { # op shape B...: the scan's cells as "op shape B=b;" one after the other
    o=$1 s=$2
    shift 2
    for b in "$@"; do printf '%s %s B=%s;' "$o" "$s" "$b"; done
}
for w in f16 bf16 q8_0 q4_0 affine_q2 affine_q3 affine_q4 affine_q8; do
    out=$(TUNE="$cli tune" "$scan" "$h200" $w 2>&1) || fail "hp_scan.sh failed for $w: $out"
    cells=$(echo "$out" | grep ' :: ' | sed 's/ (tuning.*//' | awk '{print $1, $2, $5}' | tr '\n' ';')
    case $w in
    f16) want=$(cells_of plain/gelu_tanh 768x3072 300 512 600 1024 2048 4096) ;;
    bf16) want=$(cells_of gated/silu 4096x14336 1024 2048)$(cells_of plain/gelu_tanh 768x3072 \
              300 512 600 1024 2048) ;;
    *) want=$(cells_of gated/silu 8192x3584 48 64) ;;
    esac
    [ "$cells" = "$want" ] || fail "hp_scan.sh on the H200's $w cells: $cells (expected $want)"
done
# 7. bench/scripts/below_f32.py lists the rows slower than fp32 weights in the same run,
#    slowest first, with the entry each started from, and skips failed checks and fp32 itself
#    (python3 is one of build.sh's packages).
below=$(dirname "$0")/../bench/scripts/below_f32.py
H=shape,op,H,I,B,impl,weights,acts,time_us,vs_f32,check,strategy
printf '# a comment\n%s\n%s\n%s\n%s\n%s\n%s\n' "$H" \
    'm,swiglu,8,8,4,flashmlp,f32,f32,10.0,1.000,ok,"strategy=mma (batch 4-4, from device:a.db:1)"' \
    'm,swiglu,8,8,4,flashmlp,q4_0,f32,12.5,0.800,ok,"strategy=mma (batch 4-4, from device:a.db:7)"' \
    'm,swiglu,8,8,4,flashmlp,q8_0,f32,11.0,0.909,ok,"strategy=mma (batch 4-4, from arch:b.db:3)"' \
    'm,swiglu,8,8,4,flashmlp,f16,f32,9.0,1.111,ok,"strategy=mma (batch 4-4, from device:a.db:2)"' \
    'm,swiglu,8,8,4,flashmlp,bf16,f32,20.0,0.500,wrong,"strategy=mma (batch 4-4, from device:a.db:5)"' \
    > "$dir/below.csv"
out=$(python3 "$below" "$dir/below.csv" 2>&1) || fail "below_f32.py failed: $out"
want="0.800x  m swiglu B=4 q4_0/f32  12.5 us  (device:a.db:7)
0.909x  m swiglu B=4 q8_0/f32  11.0 us  (arch:b.db:3)
2 row(s) below 1x of fp32 weights"
[ "$out" = "$want" ] || fail "below_f32.py printed: $out"
out=$(python3 "$below" --under 0.85 "$dir/below.csv" 2>&1) || fail "below_f32.py --under: $out"
echo "$out" | tail -1 | grep -q "^1 row(s) below 0.85x" || fail "below_f32.py --under: $out"
python3 "$below" "$dir/none.csv" >/dev/null 2>&1 && fail "below_f32.py read a missing file"
# 8. bench/scripts/tile_table.py tabulates override runs against the file's: the fastest tile
#    where it gains at least --min-gain, the file otherwise, fp32 weights' ratio before and after,
#    failed checks left out; --tried drops the cells no tile ran; a bad argument fails.
tt=$(dirname "$0")/../bench/scripts/tile_table.py
T=shape,op,H,I,B,impl,weights,acts,time_us,check,strategy
printf '%s\n%s\n%s\n%s\n' "$T" 'm,swiglu,8,8,4,flashmlp,f32,f32,10.0,ok,x' \
    'm,swiglu,8,8,4,flashmlp,q4_0,f32,12.5,ok,x' 'm,swiglu,8,8,4,flashmlp,q8_0,f32,11.0,ok,x' > "$dir/tf.csv"
printf '%s\n%s\n%s\n' "$T" 'm,swiglu,8,8,4,flashmlp,q4_0,f32,10.0,ok,x' \
    'm,swiglu,8,8,4,flashmlp,q8_0,f32,5.0,wrong,x' > "$dir/ta.csv"
printf '%s\n%s\n' "$T" 'm,swiglu,8,8,4,flashmlp,q4_0,f32,12.4,ok,x' > "$dir/tb.csv"
out=$(python3 "$tt" --tried "$dir/tf.csv" A="$dir/ta.csv" B="$dir/tb.csv" 2>&1) || fail "tile_table.py: $out"
echo "$out" | grep -qx '| 4 | q4_0 | 12.5 | 10.0 | 12.4 | A | 1.25x | 0.80x | 1.00x |' ||
    fail "tile_table.py's q4_0 row: $out"
echo "$out" | grep -q '| q8_0 |\|| f32 |' && fail "tile_table.py --tried kept a cell no tile ran: $out"
out=$(python3 "$tt" --min-gain 1.3 "$dir/tf.csv" A="$dir/ta.csv" 2>&1) || fail "tile_table.py: $out"
echo "$out" | grep -qx '| 4 | q4_0 | 12.5 | 10.0 | file | 1.00x | 0.80x | 0.80x |' ||
    fail "tile_table.py --min-gain: $out"
echo "$out" | grep -qx '| 4 | q8_0 | 11.0 |  | file | 1.00x | 0.91x | 0.91x |' ||
    fail "tile_table.py took a failed check: $out"
python3 "$tt" "$dir/tf.csv" "$dir/ta.csv" >/dev/null 2>&1 && fail "tile_table.py took an argument without NAME="
# 9. bench/scripts/coverage.sh writes one report a shape (the ReLU MLP among them) and a line a
#    shape whose counts are the reports' own; on the H200 Llama-3-8B SwiGLU's fp32 weights with
#    fp32 x take the card's own file at every batch of the report (its fp32-x cells on
#    sm_90's entries, eight since s47-a, are other formats at B = 2-8, where single-cell tunes
#    found sm_90's tiles again), and a device string the tuner refuses fails it.
cov=$(dirname "$0")/../bench/scripts/coverage.sh
out=$(TUNE="$cli tune" "$cov" "$h200" "$dir/cov" 2>&1) || fail "coverage.sh failed: $out"
[ "$(echo "$out" | tail -n +2 | wc -l)" -eq 6 ] || fail "coverage.sh printed: $out"
for n in llama3-8b llama3-8b-relu qwen2.5-7b gemma-2b gpt2 llama3-70b-tp8; do
    [ -s "$dir/cov/$n.txt" ] || fail "coverage.sh wrote no report for $n"
    line=$(echo "$out" | awk -v n=$n '$1 == n')
    sl=$(grep 'take an entry for any shape' "$dir/cov/$n.txt" | awk '{s += $1} END {print s + 0}')
    [ "$(echo "$line" | awk '{print $2}')" = "$sl" ] || fail "coverage.sh's count for $n: $line (report $sl)"
done
[ "$(grep '^\*' "$dir/cov/llama3-8b.txt" | grep -c '/f32 exact')" -eq 8 ] &&
    ! grep '^\*' "$dir/cov/llama3-8b.txt" | grep -q ' f32/f32 exact' ||
    fail "coverage.sh: Llama-3-8B SwiGLU's fp32-x cells off the H200's file changed"
# 16-bit x on the shape's fp32-x entry (the lookup's rule) is marked '=' and names the entry it
# went ahead of, and no fp32-x cell takes it
grep -q '^= 3584x18944 q4_0/bf16 exact B=1: stream (device:tuning/nvidia-h200.db:[0-9]*+fp32-x over arch:tuning/nvidia-sm_90.db:[0-9]*)' \
    "$dir/cov/qwen2.5-7b.txt" && ! grep '+fp32-x' "$dir/cov/"*.txt | grep -q '^[^:]*:.. [0-9x]* [a-z0-9_]*/f32 ' &&
    ! grep '+fp32-x' "$dir/cov/"*.txt | grep -vq '^[^:]*:= ' ||
    fail "coverage.sh: the fp32-x rule's cells are not reported as such"
TUNE="$cli tune" "$cov" "nvidia,sm_90,NVIDIA H200,abc" "$dir/cov2" >/dev/null 2>&1 &&
    fail "coverage.sh passed a device string the tuner refuses"
# 10. A tune of fp32 activations alone says its entries are for them and how to tune 16-bit
#     ones; a tune that includes f16 does not.
out=$("$cli" tune --shape 64x160 --batch 1 --budget 5 --max-candidates 1 --reps 1 \
    --out "$dir/t32.db" 2>&1) || fail "tune failed: $out"
echo "$out" | grep -q "^these entries are for fp32 activations;.*(--acts f16 or bf16)" ||
    fail "a tune of fp32 activations did not say how to tune 16-bit ones: $out"
out=$("$cli" tune --shape 64x160 --batch 1 --budget 5 --max-candidates 1 --reps 1 --acts f32,f16 \
    --out "$dir/t16.db" 2>&1) || fail "tune --acts f32,f16 failed: $out"
echo "$out" | grep -q "^these entries are for fp32" && fail "a tune with f16 activations said it was for fp32 alone"
echo "cli_checks: passed"
