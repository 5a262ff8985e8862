#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds bench/interrupt.c against a build of ward's objects and runs it:
# the interruption latency in a loop, calls, tail calls and 4 GiB bulk
# operations (include/ward/limits.h; docs/limits.md).
# Usage: bench/interrupt.sh [BUILD_DIR [ROUNDS]]   (default build/release, 20)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
rounds=${2:-20}
if [ ! -f "$build/libward.a" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release >/dev/null
  build=$root/build/release
fi
out=$build/bench-interrupt
# The text parser (src/text) is internal: the program links ward's objects.
${CC:-cc} -O2 -I"$root/include" -I"$root/src" "$root/bench/interrupt.c" \
  "$build/libward.a" -lpthread -lm -o "$out"
taskset -c 1 "$out" "$rounds" 2>/dev/null || "$out" "$rounds"
