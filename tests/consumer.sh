#!/bin/sh
# Installs this build into a temporary prefix, then builds and runs examples/consumer against
# it twice: through find_package(FlashMLP) and through pkg-config.
# usage: consumer.sh <build dir> <source dir>
set -eu
build=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
libdir=$(ls -d "$work"/prefix/lib*/ | head -1)
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

echo "== find_package(FlashMLP)"
cmake -S "$src/examples/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
"$work/cmake-build/consumer"

echo "== pkg-config flashmlp"
export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
cc -std=c11 -o "$work/consumer-pc" "$src/examples/consumer/main.c" $(pkg-config --cflags --libs flashmlp)
"$work/consumer-pc"
echo "consumer: both builds ran"
