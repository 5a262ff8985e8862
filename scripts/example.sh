#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds ward (release preset) and runs the examples: examples/notes.c, a C
# program compiled to wasm32-wasi that uses files, a directory listing, its
# arguments and environment; and examples/fib.wat, exported functions called
# with --invoke.
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

notes=build/release/examples/notes.wasm
clang --target=wasm32-wasi -O2 examples/notes.c -o "$notes"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
show "$ward" run --dir "$dir"::/notes --env USER=ada "$notes" "buy milk" "call Bob"
show "$ward" run --dir "$dir"::/notes "$notes" "a second run appends"

show "$ward" run --invoke fib "$wasm" 30
show "$ward" run --invoke fac "$wasm" 20
show "$ward" run --invoke sieve "$wasm" 1000000
show "$ward" run --invoke hypot "$wasm" 3 4
