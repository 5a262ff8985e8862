#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# capi_wasi: builds its WASI guest (wasi/capi_wasi_guest.c, with clang
# --target=wasm32-wasi and wasi-libc) into BUILD_DIR/capi-wasi/, and runs
# the capi_wasi program on it with a fresh directory to preopen.
#
# Usage: run_capi_wasi.sh BUILD_DIR CAPI_WASI
# Exits with capi_wasi's status; 2 if the toolchain is missing (it is
# required: scripts/install-deps.sh installs it).
set -u
build=${1:?usage: run_capi_wasi.sh BUILD_DIR CAPI_WASI}
prog=${2:?usage: run_capi_wasi.sh BUILD_DIR CAPI_WASI}
src=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib/ward_runner.sh
. "$src/../lib/ward_runner.sh"
CLANG=${CLANG:-clang}
out=$build/capi-wasi
mkdir -p "$out"
if ! "$CLANG" --target=wasm32-wasi -O2 -Wall -Wextra "$src/wasi/capi_wasi_guest.c" \
  -o "$out/capi_wasi_guest.wasm" 2>"$out/build.log"; then
  sed 's/^/  /' "$out/build.log"
  echo "capi_wasi: SKIPPED: clang cannot build for wasm32-wasi (scripts/install-deps.sh)"
  exit 2
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/capi-wasi.XXXXXX") || exit 1
trap 'rm -rf "$dir"' EXIT
ward_exec - "$prog" "$out/capi_wasi_guest.wasm" "$dir"
