#!/bin/sh
# ptx_check.sh FILE.cl...: each program text (as FLASHMLP_DUMP_DIR writes them) compiled for
# NVIDIA's PTX by clang-15, a dependency of Debian's PoCL, without a device. One line a kernel:
#   file kernel ptx_lines local_bytes ld.local st.local mma.sync
# local_bytes is the kernel's local depot: private arrays that live in memory rather than in
# registers (a run-time index into one puts it there), and ld.local / st.local count the
# instructions that use it. The text is taken as built for NVIDIA: its FMLP_VENDOR_* define
# becomes FMLP_VENDOR_NVIDIA and FMLP_MMA_EMULATE becomes 0, so a plan made with emu=1 on
# another device shows the tensor-core code. clang's PTX is not the driver's: NVIDIA's compiler
# unrolls further and ptxas allocates after it, so arrays indexed only by loop counters can sit
# in memory here and in registers on the card (mmav's accumulators: a 64-128 byte depot here,
# "0 bytes stack frame" in ptxas's log on the H200). Compare two variants of one kernel, not
# absolute counts; an index that no unrolling resolves (one taken from the lane's id) puts an
# array in memory on either compiler unless it becomes selects. The card's own word is ptxas's
# log: `flashmlp run --build-log` with FLASHMLP_BUILD_OPTIONS set, on NVIDIA.
# Exit status: 0, 1 for a file that did not compile (clang's errors on stderr), 2 for bad usage.
set -u
[ $# -ge 1 ] || { echo "usage: ptx_check.sh FILE.cl..." >&2; exit 2; }
clang=${CLANG:-clang-15}
command -v "$clang" >/dev/null 2>&1 || { echo "ptx_check.sh: $clang not found" >&2; exit 2; }
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
rc=0
for f in "$@"; do
    [ -r "$f" ] || { echo "ptx_check.sh: cannot read $f" >&2; rc=1; continue; }
    sed -e 's/^#define FMLP_VENDOR_[A-Z]* 1$/#define FMLP_VENDOR_NVIDIA 1/' \
        -e 's/^#define FMLP_MMA_EMULATE 1$/#define FMLP_MMA_EMULATE 0/' "$f" > "$work/p.cl"
    if ! "$clang" -x cl -cl-std=CL1.2 -target nvptx64-nvidia-nvcl -Dasm=__asm__ -O2 -S \
        -Wno-everything -o "$work/p.ptx" "$work/p.cl"; then
        echo "ptx_check.sh: $f did not compile" >&2
        rc=1
        continue
    fi
    awk -v file="$(basename "$f")" '
        function flush() {
            if (name != "") printf "%s %s %d %d %d %d %d\n", file, name, lines, depot, ld, st, mma
        }
        /^\.entry / || /^\.visible \.entry / {
            flush(); name = $0; sub(/.*\.entry /, "", name); sub(/\(.*/, "", name)
            lines = depot = ld = st = mma = 0; next
        }
        name != "" {
            ++lines
            if ($0 ~ /\.local \.align/ && match($0, /\[[0-9]+\]/))
                depot += substr($0, RSTART + 1, RLENGTH - 2)
            if ($0 ~ /ld\.local/) ++ld
            if ($0 ~ /st\.local/) ++st
            if ($0 ~ /mma\.sync/) ++mma
        }
        END { flush() }' "$work/p.ptx"
done
exit $rc
