#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds ward (release preset) and runs the example module examples/fib.wat.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc 2>/dev/null || echo 2)"

ward=build/release/ward
wasm=build/release/examples/fib.wasm
mkdir -p "$(dirname "$wasm")"
wat2wasm examples/fib.wat -o "$wasm"

# Shows a command, then runs it.
show() {
  echo "\$ $*"
  "$@"
}

show "$ward" --version
show "$ward" run --invoke fib "$wasm" 30
show "$ward" run --invoke fac "$wasm" 20
show "$ward" run --invoke sieve "$wasm" 1000000
show "$ward" run --invoke hypot "$wasm" 3 4
