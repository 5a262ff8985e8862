#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds ward for other targets from this Linux x86-64 host and runs its
# tests there, through an emulator: Windows x86-64 (mingw-w64, under wine),
# Linux arm64, Linux i386 and Linux armhf (cross gcc, under qemu-user).
# Installs the cross tools it needs (Debian packages; the i386 build uses
# the i686 cross compiler rather than gcc-multilib, which conflicts with the
# aarch64 one on Debian 12).
#
# Usage: scripts/test-cross.sh [--smoke] [TARGET...]
#   TARGET: windows-x86_64, linux-aarch64, linux-i686, linux-armhf
#           (default: all four; with --smoke the first three)
#   --smoke: build only `ward` and run the smoke subset (ctest -L smoke: the
#            WASI example, a trap, spec scripts, two sandbox escapes); this
#            is what the default test command (scripts/test.sh) runs.
#   Without --smoke: every test of the suite, as `ctest` runs it natively.
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
    targets=(windows-x86_64 linux-aarch64 linux-i686)
  else
    targets=(windows-x86_64 linux-aarch64 linux-i686 linux-armhf)
  fi
fi

toolchain_of() {
  case $1 in
  windows-x86_64) echo mingw-w64-x86_64 ;;
  linux-aarch64) echo aarch64-linux-gnu ;;
  linux-i686) echo i686-linux-gnu ;;
  linux-armhf) echo arm-linux-gnueabihf ;;
  *) return 1 ;;
  esac
}
packages_of() {
  case $1 in
  windows-x86_64) echo "gcc-mingw-w64-x86-64 wine wine64" ;;
  linux-aarch64) echo "gcc-aarch64-linux-gnu qemu-user" ;;
  linux-i686) echo "gcc-i686-linux-gnu qemu-user" ;;
  linux-armhf) echo "gcc-arm-linux-gnueabihf qemu-user" ;;
  esac
}
for t in "${targets[@]}"; do
  toolchain_of "$t" >/dev/null ||
    { echo "test-cross: unknown target '$t' (windows-x86_64, linux-aarch64, linux-i686, linux-armhf)" >&2; exit 2; }
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
for t in "${targets[@]}"; do
  dir=build/cross-$t
  start=$(date +%s)
  echo "==> $t: configure"
  if ! cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWARD_WERROR=ON -DBUILD_TESTING=ON \
    -DCMAKE_TOOLCHAIN_FILE="cmake/toolchains/$(toolchain_of "$t").cmake" >"$dir.configure.log" 2>&1; then
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
