#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instructions executed (valgrind's cachegrind, its cache simulation off:
# callgrind follows the tail-call build's chains of jumps between handler
# functions as calls that never return, and runs out of memory) by two
# ward binaries on each
# program of the scalar suite at its quick size, and their ratio: a
# deterministic comparison of two builds where timings are too noisy (a
# busy or shared machine). Wasm modules come from bench/run.sh's OUT/wasm
# (or any directory of NAME.wasm files built from bench/*.c).
# Usage: bench/instr_ab.sh WARD_NEW WARD_OLD WASM_DIR [NAME...]
# Prints "NAME new old new/old" per program and the geometric mean.
set -euo pipefail
new=${1:?usage: bench/instr_ab.sh WARD_NEW WARD_OLD WASM_DIR [NAME...]}
old=${2:?usage}
dir=${3:?usage}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in "$here"/*.c; do
    n=$(basename "$src" .c)
    case $n in hello | instantiate | interrupt | host_* | gc_* | vec_*) ;; *) names+=("$n") ;; esac
  done
fi
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$1" run \
    "$dir/$2.wasm" quick 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
for n in "${names[@]}"; do
  a=$(count "$new" "$n")
  b=$(count "$old" "$n")
  echo "$n $a $b $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", a / b }')"
done | awk '{ print; s += log($4); k++ } END { if (k) printf "geomean %.4f\n", exp(s / k) }'
