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
  lld-19 # wasm-ld-19: clang-19 links ward.wasm with it (preset `wasm`, docs/wasm-self.md)
  clang-format # the format check (scripts/check-format.sh)
  lld
  wabt # wat2wasm, for the CLI tests and the example
  time # /usr/bin/time, for bench/run.sh's peak memory
  wasi-libc # the WASI tests: C programs built with clang --target=wasm32-wasi
  libclang-rt-14-dev-wasm32 # compiler-rt builtins for wasm32 (the WASI tests)
)

# npm packages, installed into .tools/npm of the repository (not tracked):
# binaryen's wasm-opt, which turns the legacy exception instructions that
# clang emits into the standard ones (tests/eh) and writes random modules
# for the fuzzing command.
NPM_PACKAGES=(binaryen@132)
repo=$(cd "$(dirname "$0")/.." && pwd)

npm_deps() {
  local dir=$repo/.tools/npm
  if [ -x "$dir/node_modules/.bin/wasm-opt" ] &&
    "$dir/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q 'version 132'; then
    echo "install-deps: npm packages present"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found: the tests that need wasm-opt will fail" >&2
    return 0
  fi
  mkdir -p "$dir"
  echo "install-deps: installing ${NPM_PACKAGES[*]} into $dir"
  npm install --prefix "$dir" --no-audit --no-fund "${NPM_PACKAGES[@]}" >/dev/null
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  npm_deps
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
npm_deps
