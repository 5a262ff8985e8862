#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The one test command: installs what is missing, then builds and tests the
# `ci` preset (Release, warnings as errors, gcc's default: computed-goto
# dispatch, guard pages), installs it and builds examples/embed against
# the installed package (scripts/test-install.sh), then the `asan` preset
# (Debug with AddressSanitizer + UBSan), `tsan` (the unit tests under
# ThreadSanitizer), `asan-tail` (the unit and wasm.h tests under
# AddressSanitizer + UBSan in the tail-call build, clang-14), `tsan-tail`
# (the threaded tests of limits and embedding under ThreadSanitizer in the
# tail-call build), `clang` (clang-14's default: tail
# calls without preserve_none), the other dispatch modes, `tail` (tail
# calls with preserve_none, clang-19) and `switch` (portable), with every
# test too, and the spec suite, the interpreter and WASI tests in the
# `explicit` preset (bounds checks instead of guard pages; clang-19), then the smoke
# subset on each cross target (scripts/test-cross.sh --smoke). Exits
# non-zero if any step fails.
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
# The installed package (CMake and pkg-config, static and shared), with
# examples/embed built against it and run.
echo "==> install: scripts/test-install.sh"
if scripts/test-install.sh; then
  summary+=("install (package, examples/embed): ok")
else
  summary+=("install (package, examples/embed): FAILED")
  failed=1
fi
run_preset asan
# ThreadSanitizer over the unit tests: engines and modules shared by threads
# (test_threads), and the watchdog threads of the limits (test_limits).
run_preset tsan
run_preset asan-tail
run_preset tsan-tail
run_preset clang
# The interpreter's other dispatch modes (everything again), and the
# explicit bounds checks (the spec suite, the interpreter and WASI tests).
run_preset tail
run_preset switch
run_preset explicit -R '^(wast-|interp-|features-|wasi|test_platform_guard|test_memory_reserve)'
# The cross targets (Windows x86-64 under wine; Linux arm64 and i386 under
# qemu-user; ward.wasm under ward and node): the smoke subset on each.
echo "==> cross: scripts/test-cross.sh --smoke"
if WARD_NATIVE=$PWD/build/ci/ward scripts/test-cross.sh --smoke; then
  summary+=("cross (smoke): ok")
else
  summary+=("cross (smoke): FAILED")
  failed=1
fi


echo
echo "==> summary"
printf '    %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "FAILED"
  exit 1
fi
echo "all passed"
