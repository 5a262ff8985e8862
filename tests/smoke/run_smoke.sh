#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# The smoke subset that every cross target runs in the default test command
# (scripts/test-cross.sh --smoke, ctest -L smoke): the WASI example, a trap
# with its backtrace, and spec scripts (one with out-of-bounds traps); the
# two sandbox escapes of the subset are ctest's smoke-escape-* tests
# (tests/smoke/CMakeLists.txt). ward runs behind $WARD_RUNNER
# (tests/lib/ward_runner.sh).
#
# Usage: run_smoke.sh BUILD_DIR WARD SPEC_DIR
# Last line: "smoke: N passed, N failed"; exit 1 on a failure.
set -u

build=${1:?usage: run_smoke.sh BUILD_DIR WARD SPEC_DIR}
ward=${2:?usage: run_smoke.sh BUILD_DIR WARD SPEC_DIR}
spec=${3:?usage: run_smoke.sh BUILD_DIR WARD SPEC_DIR}
src=$(cd "$(dirname "$0")/../.." && pwd)
out=$build/smoke
rm -rf "$out"
mkdir -p "$out/notes"
out=$(cd "$out" && pwd)
CLANG=${CLANG:-clang}
WAT2WASM=${WAT2WASM:-wat2wasm}
# shellcheck disable=SC2034 # run_ward (ward_runner.sh) runs $WARD
WARD=$ward
# shellcheck source=../lib/ward_runner.sh
. "$src/tests/lib/ward_runner.sh"

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  echo "PASS: $1"
}
fail() {
  failed=$((failed + 1))
  echo "FAIL: $1"
  sed -n '1,30s/^/    /p' "$out/log"
}
# Runs ward (behind the runner) with its output in $out/log; sets $status.
smoke_ward() {
  run_ward "$@" >"$out/log" 2>&1
  status=$?
  # A CR LF from an older Windows build (ward now writes LF everywhere).
  tr -d '\r' <"$out/log" >"$out/log.tmp" && mv "$out/log.tmp" "$out/log"
}
has() { grep -F -- "$1" "$out/log" >/dev/null; }

# 1. The WASI example: files in a granted directory, a listing, arguments
# and environment.
if "$CLANG" --target=wasm32-wasi -O2 "$src/examples/notes.c" -o "$out/notes.wasm"; then
  smoke_ward run --dir "$out/notes::/notes" --env USER=ada "$out/notes.wasm" "buy milk" "call Bob"
  if [ "$status" = 0 ] && has "USER is ada" && has "note 2: ada: call Bob" &&
    grep -F "call Bob" "$out/notes/notes.txt" >/dev/null; then
    pass "WASI example"
  else
    fail "WASI example (status $status)"
  fi
else
  echo "FAIL: WASI example: clang cannot build for wasm32-wasi"
  failed=$((failed + 1))
fi

# 2. A trap: exit status 134, the reason, and the wasm backtrace (each
# frame with its instruction's offset).
if "$WAT2WASM" --debug-names "$src/tests/cli/cli_trap.wat" -o "$out/trap.wasm"; then
  smoke_ward run --invoke outer "$out/trap.wasm"
  if [ "$status" = 134 ] && has "unreachable" && has "0: 0x30 - inner" && has "1: 0x34 - outer"; then
    pass "trap"
  else
    fail "trap (status $status)"
  fi
else
  echo "FAIL: trap: wat2wasm failed"
  failed=$((failed + 1))
fi

# 3. Spec scripts: integer arithmetic, and out-of-bounds accesses that must
# trap (guard pages or explicit checks, whichever the target uses).
for s in i32 memory_trap; do
  smoke_ward wast "$spec/core-2.0-wast/$s.wast"
  if [ "$status" = 0 ] && has " 0 failed"; then
    pass "spec $s.wast ($(grep -o '[0-9]* passed' "$out/log" | tail -n 1))"
  else
    fail "spec $s.wast (status $status)"
  fi
done

echo "smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
