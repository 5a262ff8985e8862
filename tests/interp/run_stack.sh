#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs tests/interp/long_loop.wat (about 60 million dispatches through
# branches, calls, table branches, loads and stores) under a 512 KiB native
# stack. An interpreter whose dispatch grew the stack, such as a tail-call
# build whose calls were not compiled as jumps, dies here.
# usage: run_stack.sh WARD OUT_DIR
set -eu
ward=$1
out=$2
here=$(dirname "$0")
command -v wat2wasm >/dev/null || {
  echo "wat2wasm (Debian package wabt) is needed: scripts/install-deps.sh installs it" >&2
  exit 1
}
mkdir -p "$out"
wat2wasm "$here/long_loop.wat" -o "$out/long_loop.wasm"
got=$(ulimit -s 512 && "$ward" run --invoke run "$out/long_loop.wasm" 5000000)
if [ "$got" != "-854439787" ]; then
  echo "FAIL: long_loop returned '$got', expected -854439787" >&2
  exit 1
fi
echo "ok: 5000000 iterations under a 512 KiB stack"
