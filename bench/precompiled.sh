#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up with precompiled modules: builds bench/host_precompiled.c
# against a built libward.a and runs it on a module (by default the
# largest .wasm of the benchmark suite's wasm directory), pinned to one
# CPU. docs/performance.md, "Precompiled modules".
# Usage: bench/precompiled.sh [BUILD_DIR] [FILE.wasm] [ROUNDS]
# (defaults build/release, the largest of build/bench/wasm/*.wasm, 21).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/release}
wasm=${2:-$(ls -S "${WASM_DIR:-$here/../build/bench/wasm}"/*.wasm 2>/dev/null | head -1)}
rounds=${3:-21}
cpu=${CPU:-1}
[ -f "$build/libward.a" ] || { echo "precompiled.sh: no $build/libward.a (build it first)" >&2; exit 2; }
[ -n "$wasm" ] && [ -f "$wasm" ] || { echo "precompiled.sh: no module (run bench/run.sh first, or name one)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${CC:-cc}" -O2 -std=c11 -I"$here/../include" "$here/host_precompiled.c" "$build/libward.a" \
  -lm -lpthread -o "$out/host_precompiled"
taskset -c "$cpu" "$out/host_precompiled" "$wasm" "$rounds"
