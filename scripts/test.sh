#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The one test command: installs what is missing, then builds and tests the
# `ci` preset (Release, warnings as errors, computed-goto dispatch, guard
# pages) and the `asan` preset (Debug with AddressSanitizer + UBSan), and
# runs the spec suite and the interpreter tests in the `tail` (tail-call
# dispatch, clang-19), `switch` (portable dispatch) and `explicit` (bounds
# checks instead of guard pages) presets. Exits non-zero if any step fails.
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
summary=()
failed=0

scripts/install-deps.sh || exit 1

# Configures, builds and tests one preset (ctest arguments may follow);
# records one summary line.
run_preset() {
  local preset=$1
  shift
  echo "==> $preset: configure"
  if ! cmake --preset "$preset"; then
    summary+=("$preset: FAILED (configure)")
    failed=1
    return
  fi
  echo "==> $preset: build"
  if ! cmake --build --preset "$preset" -j"$jobs"; then
    summary+=("$preset: FAILED (build)")
    failed=1
    return
  fi
  echo "==> $preset: test"
  if ! ctest --preset "$preset" --output-on-failure -j"$jobs" "$@"; then
    summary+=("$preset: FAILED (tests)")
    failed=1
    return
  fi
  summary+=("$preset: ok")
}

run_preset ci
run_preset asan
# The interpreter's other dispatch modes and the explicit bounds checks:
# the spec suite, the interpreter's own scripts and the stack test again
# (and the WASI tests with explicit checks).
run_preset tail -R '^(spec-core|interp-)'
run_preset switch -R '^(spec-core|interp-)'
run_preset explicit -R '^(spec-core|interp-|wasi|test_platform_guard)'


echo
echo "==> summary"
printf '    %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "FAILED"
  exit 1
fi
echo "all passed"
