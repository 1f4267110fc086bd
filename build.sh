#!/bin/sh
# FlashMLP's two commands (README, Quick start). On Debian 12, as root for the package step:
#   ./build.sh run    install what is missing, build, run `flashmlp run` on the default device
#   ./build.sh test   install what is missing, build, run the whole test suite: the Criterion
#                     tests on the default device, the Oclgrind checks, the install check, and
#                     the unit tests again in an AddressSanitizer + UBSan build
set -eu
cd "$(dirname "$0")"

packages="build-essential cmake pkg-config ocl-icd-opencl-dev opencl-c-headers pocl-opencl-icd
          clinfo libclblast-dev libcriterion-dev oclgrind python3"

install_missing() {
    missing=""
    for p in $packages; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "build.sh: these packages are missing and installing them needs root:$missing" >&2
        exit 1
    fi
    echo "build.sh: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $missing >/dev/null
}

jobs=$(nproc 2>/dev/null || echo 2)

build() { # build <dir> [cmake options...]
    dir=$1
    shift
    cmake -S . -B "$dir" -DFLASHMLP_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
run)
    install_missing
    build build -DCMAKE_BUILD_TYPE=Release
    ./build/flashmlp run
    ;;
test)
    install_missing
    build build -DCMAKE_BUILD_TYPE=Release
    ctest --test-dir build --verbose --timeout 3000
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DFLASHMLP_SANITIZE=ON
    ctest --test-dir build-asan --label-regex unit --verbose --timeout 3000
    echo "build.sh: the whole suite passed (Release, then AddressSanitizer + UBSan)"
    ;;
*)
    echo "usage: ./build.sh run | test" >&2
    exit 2
    ;;
esac
