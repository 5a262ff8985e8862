#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds tests/eh/sjlj_prog.c (setjmp/longjmp) for wasm32-wasi with
# clang-19 -mllvm -wasm-enable-sjlj, which emits the legacy exception
# instructions, with ward's own setjmp runtime for wasm32-wasi
# (src/platform/wasi: wasi_sjlj.c and include/setjmp.h); turns a copy into the
# standard encoding (try_table, exnref) with binaryen's wasm-opt
# --translate-to-exnref; builds it natively with gcc; and compares the
# outputs of both wasm builds under ward with the native one's.
#
# Usage: run_sjlj_prog.sh OUT_DIR WARD [WASM_OPT]
# The objects are linked by `clang` (clang-14, whose compiler-rt builtins
# for wasm32 Debian ships). Exits 2 if a tool is missing
# (scripts/install-deps.sh installs them all). ward runs through
# $WARD_RUNNER (tests/lib/ward_runner.sh); gcc builds for the host.
set -u
out=${1:?usage: run_sjlj_prog.sh OUT_DIR WARD [WASM_OPT]}
# shellcheck disable=SC2034 # WARD: run by run_ward
WARD=${2:?usage: run_sjlj_prog.sh OUT_DIR WARD [WASM_OPT]}
src=$(cd "$(dirname "$0")" && pwd)
wasi=$src/../../src/platform/wasi
# shellcheck source=../lib/ward_runner.sh
. "$(dirname "$0")/../lib/ward_runner.sh"
WASM_OPT=${3:-wasm-opt}
CLANG19=${CLANG19:-clang-19}
CLANG=${CLANG:-clang}
GCC=${GCC:-gcc}
mkdir -p "$out"
for t in "$CLANG19" "$CLANG" "$GCC" "$WASM_OPT"; do
  command -v "$t" >/dev/null 2>&1 || { echo "sjlj-prog: $t not found (scripts/install-deps.sh)"; exit 2; }
done
flags='-O2 -Wall -Wextra -Werror' # and -I"$src"
# shellcheck disable=SC2086 # $flags: a list of words
"$CLANG19" --target=wasm32-wasi $flags -I"$src" -I"$wasi/include" -mllvm -wasm-enable-sjlj \
  -c "$src/sjlj_prog.c" \
  -o "$out/sjlj_prog.o" || { echo "sjlj-prog: BUILD FAILED (clang-19)"; exit 1; }
# The runtime throws the __c_longjmp tag, which the sjlj lowering defines.
# shellcheck disable=SC2086
"$CLANG19" --target=wasm32-wasi $flags -I"$src" -mllvm -wasm-enable-sjlj -mexception-handling \
  -c "$wasi/wasi_sjlj.c" -o "$out/sjlj_rt.o" || { echo "sjlj-prog: BUILD FAILED (runtime)"; exit 1; }
"$CLANG" --target=wasm32-wasi "$out/sjlj_prog.o" "$out/sjlj_rt.o" -o "$out/sjlj_legacy.wasm" ||
  { echo "sjlj-prog: LINK FAILED"; exit 1; }
"$WASM_OPT" --enable-exception-handling --enable-bulk-memory --enable-sign-ext \
  --enable-mutable-globals --enable-nontrapping-float-to-int --translate-to-exnref \
  "$out/sjlj_legacy.wasm" -o "$out/sjlj_exnref.wasm" ||
  { echo "sjlj-prog: wasm-opt --translate-to-exnref failed"; exit 1; }
# shellcheck disable=SC2086
"$GCC" -std=c11 $flags -I"$src" "$src/sjlj_prog.c" -o "$out/sjlj_prog" ||
  { echo "sjlj-prog: BUILD FAILED (gcc)"; exit 1; }
"$out/sjlj_prog" >"$out/native.txt" || { echo "sjlj-prog: the native build failed"; exit 1; }
status=0
for enc in legacy exnref; do
  if ! run_ward run "$out/sjlj_$enc.wasm" >"$out/ward_$enc.txt"; then
    echo "sjlj-prog: ward run failed ($enc encoding)"
    status=1
  elif ! diff -u "$out/native.txt" "$out/ward_$enc.txt"; then
    echo "sjlj-prog: ward's output differs from the native build's ($enc encoding)"
    status=1
  else
    echo "sjlj-prog: $enc encoding: $(wc -l <"$out/ward_$enc.txt") lines identical to the native build's"
  fi
done
# The two builds use the two encodings: each is refused with its own
# feature turned off, and runs with the other's turned off.
for enc in "legacy legacy-exceptions exceptions" "exnref exceptions legacy-exceptions"; do
  # shellcheck disable=SC2086 # NAME OWN OTHER
  set -- $enc
  name=$1 own=$2 other=$3
  if run_ward run -W "$own=n" "$out/sjlj_$name.wasm" >/dev/null 2>&1; then
    echo "sjlj-prog: the $name build ran with -W $own=n"
    status=1
  fi
  if ! run_ward run -W "$other=n" "$out/sjlj_$name.wasm" >/dev/null 2>&1; then
    echo "sjlj-prog: the $name build did not run with -W $other=n"
    status=1
  fi
done
exit $status
