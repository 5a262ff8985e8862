#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds ward for other targets from this Linux x86-64 host and runs its
# tests there, through an emulator: Windows x86-64 (mingw-w64, under wine),
# Linux arm64, Linux i386 and Linux armhf (cross gcc, under qemu-user), and
# WebAssembly itself (ward.wasm under ward and node: scripts/test-wasm-self.sh).
# Installs the cross tools it needs (Debian packages; the i386 build uses
# the i686 cross compiler rather than gcc-multilib, which conflicts with the
# aarch64 one on Debian 12).
#
# Usage: scripts/test-cross.sh [--smoke] [TARGET...]
#   TARGET: windows-x86_64, linux-aarch64, linux-i686, linux-armhf,
#           wasm32-wasi (default: all five; with --smoke all but armhf)
#   --smoke: build only `ward` and run the smoke subset (ctest -L smoke: the
#            WASI example, a trap, spec scripts, two sandbox escapes; for
#            wasm32-wasi test-wasm-self.sh --quick); this is what the
#            default test command (scripts/test.sh) runs.
#   Without --smoke: every test of the suite, as `ctest` runs it natively
#   (for wasm32-wasi: all spec scripts under ward and node).
#   WARD_NATIVE=PATH: a native ward for wasm32-wasi's runs (default: build
#   the release preset's).
# linux-aarch64's full run uses explicit bounds checks with heap memories
# (-DWARD_BOUNDS=explicit -DWARD_MEMORY_RESERVATION=0): qemu-user 7.2 keeps
# ~50 MB per guard-page reservation and never returns it, so the spec
# suite's thousands of memories in one process grow qemu past 20 GB
# (docs/portability.md); the smoke run keeps the default, guard pages.
# Build directories: build/cross-TARGET. Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  if [ $smoke = 1 ]; then
    targets=(windows-x86_64 linux-aarch64 linux-i686 wasm32-wasi)
  else
    targets=(windows-x86_64 linux-aarch64 linux-i686 linux-armhf wasm32-wasi)
  fi
fi

toolchain_of() {
  case $1 in
  windows-x86_64) echo mingw-w64-x86_64 ;;
  linux-aarch64) echo aarch64-linux-gnu ;;
  linux-i686) echo i686-linux-gnu ;;
  linux-armhf) echo arm-linux-gnueabihf ;;
  wasm32-wasi) echo wasm32-wasi ;;
  *) return 1 ;;
  esac
}
packages_of() {
  case $1 in
  windows-x86_64) echo "gcc-mingw-w64-x86-64 wine wine64" ;;
  # The C library's headers and start files are the gcc packages'
  # recommendations, which --no-install-recommends leaves out.
  linux-aarch64) echo "gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user" ;;
  linux-i686) echo "gcc-i686-linux-gnu libc6-dev-i386-cross qemu-user" ;;
  linux-armhf) echo "gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user" ;;
  wasm32-wasi) ;; # clang-19, lld-19, wasi-libc: install-deps.sh; node 20 if present
  esac
}
for t in "${targets[@]}"; do
  toolchain_of "$t" >/dev/null ||
    { echo "test-cross: unknown target '$t' (windows-x86_64, linux-aarch64, linux-i686, linux-armhf, wasm32-wasi)" >&2; exit 2; }
done

scripts/install-deps.sh || exit 1
missing=()
for t in "${targets[@]}"; do
  for p in $(packages_of "$t"); do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  if ! { $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; } >build-cross-apt.log 2>&1; then
    tail -20 build-cross-apt.log
    echo "test-cross: could not install ${missing[*]}" >&2
    exit 1
  fi
  rm -f build-cross-apt.log
fi

export WINEDEBUG=-all
jobs=$(nproc 2>/dev/null || echo 2)
summary=()
failed=0
mkdir -p build
for t in "${targets[@]}"; do
  dir=build/cross-$t
  start=$(date +%s)
  if [ "$t" = wasm32-wasi ]; then
    echo "==> $t: scripts/test-wasm-self.sh"
    args=()
    [ $smoke = 1 ] && args+=(--quick)
    [ -n "${WARD_NATIVE:-}" ] && args+=(--ward "$WARD_NATIVE")
    if scripts/test-wasm-self.sh "${args[@]}"; then
      summary+=("$t: ok ($(($(date +%s) - start)) s)")
    else
      summary+=("$t: FAILED ($(($(date +%s) - start)) s)")
      failed=1
    fi
    continue
  fi
  # (Both set either way: the build directory's cache keeps what the last
  # run set.)
  extra=(-DWARD_BOUNDS=auto -DWARD_MEMORY_RESERVATION=)
  if [ "$t" = linux-aarch64 ] && [ $smoke = 0 ]; then
    extra=(-DWARD_BOUNDS=explicit -DWARD_MEMORY_RESERVATION=0)
  fi
  echo "==> $t: configure"
  if ! cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWARD_WERROR=ON -DBUILD_TESTING=ON \
    -DCMAKE_TOOLCHAIN_FILE="cmake/toolchains/$(toolchain_of "$t").cmake" "${extra[@]}" \
    >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"
    summary+=("$t: FAILED (configure)")
    failed=1
    continue
  fi
  grep 'ward:' "$dir.configure.log"
  echo "==> $t: build"
  if [ $smoke = 1 ]; then
    cmake --build "$dir" -j"$jobs" --target ward
  else
    cmake --build "$dir" -j"$jobs"
  fi || {
    summary+=("$t: FAILED (build)")
    failed=1
    continue
  }
  echo "==> $t: test"
  if [ $smoke = 1 ]; then
    (cd "$dir" && ctest -L smoke --output-on-failure -j"$jobs")
  else
    (cd "$dir" && ctest --output-on-failure -j"$jobs")
  fi
  rc=$?
  secs=$(($(date +%s) - start))
  if [ $rc -ne 0 ]; then
    summary+=("$t: FAILED (tests; ${secs} s)")
    failed=1
  else
    summary+=("$t: ok (${secs} s)")
  fi
done

echo
echo "==> cross summary"
printf '    %s\n' "${summary[@]}"
[ $failed -eq 0 ] && echo "all passed" || echo "FAILED"
exit $failed
