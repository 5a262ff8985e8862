#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages ward's build and tests need, and only those
# missing. Safe to run again. Needs root only when something is missing.
set -euo pipefail

# One package a line; add new ones here.
PACKAGES=(
  build-essential # gcc, make, libc headers
  cmake
  ninja-build
  clang
  clang-19 # the tail-call dispatch build (musttail + preserve_none): preset `tail`
  clang-format # the format check (scripts/check-format.sh)
  lld
  wabt # wat2wasm, for the CLI tests and the example
  time # /usr/bin/time, for bench/run.sh's peak memory
  wasi-libc # the WASI tests: C programs built with clang --target=wasm32-wasi
  libclang-rt-14-dev-wasm32 # compiler-rt builtins for wasm32 (the WASI tests)
)

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
