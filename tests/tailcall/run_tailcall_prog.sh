#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds tests/tailcall/tailcall_prog.c (musttail: a threaded interpreter
# and mutual recursion) for wasm32-wasi with clang-19 -O2 -mtail-call and
# natively with clang-19, runs it under ward and natively, and compares
# their outputs, which must be identical; with tail calls turned off
# (-W tail-call=n) ward must refuse the module.
#
# Usage: run_tailcall_prog.sh OUT_DIR WARD
# clang-19 without libclang_rt.builtins for wasm32 (Debian ships it for
# clang-14 only): the object is linked by `clang` (the one tests/wasi uses).
# Exits 2 if the toolchain is missing (scripts/install-deps.sh installs it).
# ward runs through $WARD_RUNNER (tests/lib/ward_runner.sh); clang-19
# builds the native program for the host.
set -u
out=${1:?usage: run_tailcall_prog.sh OUT_DIR WARD}
# shellcheck disable=SC2034 # WARD: run by run_ward
WARD=${2:?usage: run_tailcall_prog.sh OUT_DIR WARD}
# shellcheck source=../lib/ward_runner.sh
. "$(dirname "$0")/../lib/ward_runner.sh"
src=$(cd "$(dirname "$0")" && pwd)/tailcall_prog.c
CLANG19=${CLANG19:-clang-19}
CLANG=${CLANG:-clang}
mkdir -p "$out"
for t in "$CLANG19" "$CLANG"; do
  command -v "$t" >/dev/null 2>&1 || { echo "tailcall-prog: SKIPPED: $t not found"; exit 2; }
done
flags='-O2 -Wall -Wextra -Werror'
# shellcheck disable=SC2086 # $flags: a list of words
"$CLANG19" --target=wasm32-wasi -mtail-call $flags -c "$src" -o "$out/tailcall_prog.o" ||
  { echo "tailcall-prog: BUILD FAILED (clang-19)"; exit 1; }
"$CLANG" --target=wasm32-wasi "$out/tailcall_prog.o" -o "$out/tailcall_prog.wasm" ||
  { echo "tailcall-prog: LINK FAILED"; exit 1; }
# shellcheck disable=SC2086
"$CLANG19" $flags "$src" -o "$out/tailcall_prog" ||
  { echo "tailcall-prog: BUILD FAILED (native)"; exit 1; }
"$out/tailcall_prog" >"$out/native.txt" || { echo "tailcall-prog: the native build failed"; exit 1; }
run_ward run "$out/tailcall_prog.wasm" >"$out/ward.txt" || { echo "tailcall-prog: ward run failed"; exit 1; }
if ! diff -u "$out/native.txt" "$out/ward.txt"; then
  echo "tailcall-prog: ward's output differs from the native build's"
  exit 1
fi
# Without tail calls the same module cannot run: the depth of the
# mutual recursion is far beyond the call stack.
if run_ward run -W tail-call=n "$out/tailcall_prog.wasm" >/dev/null 2>"$out/off.txt"; then
  echo "tailcall-prog: ward ran it with tail calls turned off"
  exit 1
fi
grep -q "tail-call support is not enabled" "$out/off.txt" ||
  { echo "tailcall-prog: unexpected error with tail calls off:"; cat "$out/off.txt"; exit 1; }
echo "tailcall-prog: $(wc -l <"$out/ward.txt") lines identical to the native build's"
