#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# ctest fuzz-diff-harness: check_diff_binaryen.sh WAT2WASM DIFF_BINARYEN PYTHON SRCDIR WORKDIR
# diff_binaryen's output for diff_binaryen_check.wat must be binaryen's
# (diff_binaryen_check.expected), both normalised by fuzz_diff_norm.py.
# diff_binaryen runs through $WARD_RUNNER (tests/lib/ward_runner.sh).
set -e
# shellcheck source=../lib/ward_runner.sh
. "$(dirname "$0")/../lib/ward_runner.sh"
wat2wasm=$1 diff_binaryen=$2 python=$3 src=$4 work=$5
mkdir -p "$work"
"$wat2wasm" --enable-exceptions "$src/diff_binaryen_check.wat" -o "$work/check.wasm"
run_target "$diff_binaryen" "$work/check.wasm" >"$work/ward.out"
"$python" "$src/fuzz_diff_norm.py" "$src/diff_binaryen_check.expected" "$work/ward.out" \
  "$work/binaryen.norm" "$work/ward.norm"
diff -u "$work/binaryen.norm" "$work/ward.norm"
echo "fuzz-diff-harness: $(wc -l <"$work/ward.norm") lines as binaryen's"
