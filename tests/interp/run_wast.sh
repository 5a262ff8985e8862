#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Converts our own .wast scripts (tests/interp/*.wast) with wabt's wast2json
# and runs them with the spec harness.
# usage: run_wast.sh WARD_SPEC OUT_DIR WAST...
set -eu
spec=$1
out=$2
shift 2
command -v wast2json >/dev/null || {
  echo "wast2json (Debian package wabt) is needed: scripts/install-deps.sh installs it" >&2
  exit 1
}
mkdir -p "$out"
status=0
for w in "$@"; do
  name=$(basename "$w" .wast)
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  wast2json "$w" -o "$out/$name/$name.json"
  "$spec" -v "$out/$name/$name.json" || status=1
done
exit $status
