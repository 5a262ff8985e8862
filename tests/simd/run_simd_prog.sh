#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds tests/simd/simd_prog.c for wasm32-wasi with clang-19 -O3 -msimd128
# (vectorised loops and wasm_simd128.h intrinsics) and natively with gcc,
# runs the first under ward and the second directly, and compares their
# outputs, which must be identical.
#
# Usage: run_simd_prog.sh OUT_DIR WARD
# clang-19 without libclang_rt.builtins for wasm32 (Debian ships it for
# clang-14 only): the object is linked by `clang` (the one tests/wasi uses).
# Exits 2 if the toolchain is missing (scripts/install-deps.sh installs it).
# ward runs through $WARD_RUNNER (tests/lib/ward_runner.sh); gcc builds for
# the host.
set -u
out=${1:?usage: run_simd_prog.sh OUT_DIR WARD}
# shellcheck disable=SC2034 # WARD: run by run_ward
WARD=${2:?usage: run_simd_prog.sh OUT_DIR WARD}
# shellcheck source=../lib/ward_runner.sh
. "$(dirname "$0")/../lib/ward_runner.sh"
src=$(cd "$(dirname "$0")" && pwd)/simd_prog.c
CLANG19=${CLANG19:-clang-19}
CLANG=${CLANG:-clang}
GCC=${GCC:-gcc}
mkdir -p "$out"
for t in "$CLANG19" "$CLANG" "$GCC"; do
  command -v "$t" >/dev/null 2>&1 || { echo "simd-prog: SKIPPED: $t not found"; exit 2; }
done
flags='-O3 -ffp-contract=off -Wall -Wextra -Werror'
# shellcheck disable=SC2086 # $flags: a list of words
if ! "$CLANG19" --target=wasm32-wasi -msimd128 $flags "$src" -o "$out/simd_prog.wasm" \
  2>"$out/link.log"; then
  # shellcheck disable=SC2086
  "$CLANG19" --target=wasm32-wasi -msimd128 $flags -c "$src" -o "$out/simd_prog.o" ||
    { echo "simd-prog: BUILD FAILED (clang-19)"; exit 1; }
  "$CLANG" --target=wasm32-wasi "$out/simd_prog.o" -o "$out/simd_prog.wasm" -lm ||
    { echo "simd-prog: LINK FAILED"; exit 1; }
fi
# shellcheck disable=SC2086
"$GCC" -std=c11 $flags "$src" -o "$out/simd_prog" -lm ||
  { echo "simd-prog: BUILD FAILED (gcc)"; exit 1; }
"$out/simd_prog" >"$out/native.txt" || { echo "simd-prog: the native build failed"; exit 1; }
run_ward run "$out/simd_prog.wasm" >"$out/ward.txt" || { echo "simd-prog: ward run failed"; exit 1; }
if ! diff -u "$out/native.txt" "$out/ward.txt"; then
  echo "simd-prog: ward's output differs from the native build's"
  exit 1
fi
echo "simd-prog: $(wc -l <"$out/ward.txt") lines identical to the native build's"
