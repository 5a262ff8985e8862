#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs tests/interp/long_loop.wat (about 60 million dispatches through
# branches, calls, table branches, loads and stores) under a 512 KiB native
# stack. An interpreter whose dispatch grew the stack, such as a tail-call
# build whose calls were not compiled as jumps, dies here.
# usage: run_stack.sh WARD OUT_DIR
# ward runs through $WARD_RUNNER (tests/lib/ward_runner.sh): qemu-user
# gives its guest the stack limit it has itself.
set -eu
# shellcheck disable=SC2034 # WARD: run by run_ward
WARD=$1
out=$2
here=$(dirname "$0")
# shellcheck source=../lib/ward_runner.sh
. "$here/../lib/ward_runner.sh"
command -v wat2wasm >/dev/null || {
  echo "wat2wasm (Debian package wabt) is needed: scripts/install-deps.sh installs it" >&2
  exit 1
}
mkdir -p "$out"
wat2wasm "$here/long_loop.wat" -o "$out/long_loop.wasm"
# shellcheck disable=SC3045 # ulimit -s: in dash, bash, ksh, busybox and BSD sh
got=$(ulimit -s 512 && run_ward run --invoke run "$out/long_loop.wasm" 5000000)
if [ "$got" != "-854439787" ]; then
  echo "FAIL: long_loop returned '$got', expected -854439787" >&2
  exit 1
fi
if under_wine; then
  echo "SKIP: 512 KiB stack: ulimit -s does not bind a Windows program under Wine (its main stack is the size its PE header asks for); the run's result was checked"
  echo "ok: 5000000 iterations"
else
  echo "ok: 5000000 iterations under a 512 KiB stack"
fi
