#!/bin/sh
# The tensor-core kernels' native code, compiled without an NVIDIA device.
# usage: native_ptx.sh <flashmlp> <ptx_check.sh> <scratch folder> <program_text>
#
# On PoCL and Oclgrind every tensor-core plan runs its emulation (FMLP_MMA_EMULATE 1), so the
# inline PTX that NVIDIA builds (mma.sync, the fp16-pair conversions, the integer dot products)
# is compiled by no other test here. For each plan below `flashmlp run` writes the program text
# (FLASHMLP_DUMP_DIR, written before the build) and bench/scripts/ptx_check.sh compiles it for
# NVIDIA's PTX with clang, with FMLP_MMA_EMULATE 0. The runs add a build option no compiler
# knows, so that the device refuses the build at once (CL_INVALID_BUILD_OPTIONS) instead of
# spending half a minute a program on the emulation that the other tests build and check
# anyway; a device that accepted it would build and check the plan, which passes too. Fails
# when a run fails otherwise, when a plan writes no text, when a text does not compile, or when
# a tensor-core program has no mma.sync (the native path was not the one compiled).
# The set covers each tensor-core kernel with each kind of operand: fp32 weights as fp16 pairs
# and as 3xTF32, 16-bit weights, the block formats' fields (iw, fw, wl), 16-bit x, and the
# integer kernels.
# The stream kernel's NVIDIA-only parameters (fr's fences, na's load qualifiers, dp's dp4a, xp's
# L2 prefetches) make plans that PoCL refuses before any text exists; tests/program_text.c
# writes their texts for an NVIDIA device instead, and each must compile and carry its PTX.
set -u
cli=$1
check=$2
dir=$3
text=$4
fail() { echo "native_ptx: $1"; exit 1; }
rm -rf "$dir" && mkdir -p "$dir/dump" || fail "cannot make $dir"

n=0
plan() { # overrides, then `flashmlp run` options
    ov=$1
    shift
    before=$(ls "$dir/dump" | wc -l)
    out=$(FLASHMLP_BUILD_OPTIONS=-cl-flashmlp-text-only FLASHMLP_DUMP_DIR="$dir/dump" FLASHMLP_CACHE=0 \
          FLASHMLP_OVERRIDES="$ov" "$cli" run --hidden 128 --intermediate 256 --reps 1 "$@" 2>&1)
    case $out in
    *"all checks passed"*|*CL_INVALID_BUILD_OPTIONS*) ;;
    *) fail "flashmlp run failed for \"$ov\" $*: $out" ;;
    esac
    [ "$(ls "$dir/dump" | wc -l)" -gt "$before" ] || fail "no program text for \"$ov\" $*: $out"
    n=$((n + 1))
}
MMA="mt=32 nt=32 kt=32 wm=2 wn=2 dmt=32 dnt=32 dkt=32 dwm=2 dwn=2 splits=2"
plan "strategy=mma emu=1 hp=1 $MMA" --batch 40
plan "strategy=mma emu=1 hp=0 $MMA" --batch 40
plan "strategy=mma emu=1 hp=1 $MMA" --batch 40 --acts f16
plan "strategy=mma emu=1 hp=1 $MMA" --batch 40 --weights bf16 --acts bf16
plan "strategy=mma emu=1 hp=1 $MMA" --batch 40 --weights f16
plan "strategy=mma emu=1 iw=1 hp=1 $MMA" --batch 40 --weights q4_0
plan "strategy=mma emu=1 iw=1 hp=1 fw=1 $MMA" --batch 40 --weights affine_q3 --acts f16
plan "strategy=mma emu=1 iw=1 hp=0 $MMA" --batch 40 --weights q8_0
MMAV="wg=4 kw=2 fm=2 fb=2 ku=4 dwg=2 dkw=2 dfb=1 dku=2 splits=3"
plan "strategy=mmav emu=1 hp=1 dhp=1 $MMAV" --batch 16
plan "strategy=mmav emu=1 $MMAV" --batch 16 --weights bf16
plan "strategy=mmav emu=1 iw=1 wl=1 $MMAV" --batch 16 --weights q4_0
plan "strategy=mmav emu=1 iw=1 $MMAV" --batch 16 --weights affine_q3
plan "strategy=mmaq emu=1 wg=4 kw=2 fb=1 ku=4 dwg=2 dfb=2 dku=4 splits=3" --batch 40 \
     --weights q4_0 --precision int8
plan "strategy=mmaq emu=1 wg=2 fb=2 ku=4 pf=1 dwg=4 dfb=1 dku=2 splits=1" --batch 40 \
     --weights affine_q3 --precision int8

# the stream kernel's NVIDIA-only forms: name, what its PTX must hold, format, precision, params
ns=0
stream() {
    f="$dir/dump/stream-$1.cl"
    "$text" nvidia sm_90 256 640 "$3" "$4" "strategy=stream $5" > "$f" ||
        fail "no program text for stream $1"
    clang=${CLANG:-clang-15}
    "$clang" -x cl -cl-std=CL1.2 -target nvptx64-nvidia-nvcl -Dasm=__asm__ -O2 -S -Wno-everything \
        -o "$dir/stream-$1.ptx" "$f" || fail "stream $1 did not compile for NVIDIA"
    grep -q "$2" "$dir/stream-$1.ptx" || fail "stream $1: no $2 in its PTX"
    ns=$((ns + 1))
}
SP="wgs=64 kl=8 ti=32 bt=1 xc=256"
stream fr membar.gl f32 exact "$SP fr=1"
stream na ld.global.nc.L1::no_allocate f16 exact "$SP vw=8 na=1 pb=1"
stream na2 createpolicy q4_0 exact "$SP na=2"
stream dp4a dp4a q4_0 int8 "$SP dp=1 ps=1"
stream xp prefetch.global.L2 f32 exact "$SP vw=4 xp=2"
stream xpq prefetch.global.L2 affine_q3 int8 "$SP dp=1 xp=1 dl=1"

out=$("$check" "$dir"/dump/*.cl 2>&1) || fail "a program did not compile for NVIDIA: $out"
echo "$out"
# one line a kernel: file kernel ptx_lines local_bytes ld.local st.local mma.sync
tc=$(echo "$out" | awk '$2 ~ /^fmlp_mma(v|q)?_gateup$/' | wc -l)
[ "$tc" -ge "$n" ] || fail "$tc programs with a tensor-core gate/up kernel for $n plans"
# (clang may leave a helper holding the mma.sync as a function of its own, which ptx_check.sh
# counts under no kernel: mmaq's gate/up here, so the count is taken a program)
echo "$out" | awk '$2 ~ /^fmlp_mma(v|q)?_(gateup|down)$/ {tc[$1] = 1} {m[$1] += $7}
    END {for (f in tc) if (m[f] == 0) {bad = 1; print "no mma.sync: " f} exit bad}' ||
    fail "a tensor-core program compiled without mma.sync"
echo "native_ptx: $n plans, $tc tensor-core programs and $ns stream forms compiled for NVIDIA"
