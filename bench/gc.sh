#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The garbage-collection benchmarks: bench/gc_trees.wat (binary trees of
# GC structs) and bench/gc_arrays.wat (array churn), each under ward,
# against the same algorithm in C with malloc and free (bench/alloc_trees.c,
# bench/gc_arrays.c; node 20's V8 predates the final GC encoding, so it
# cannot run these modules). Pinned to one CPU, ROUNDS rounds interleaved;
# prints each one's median seconds, its peak resident memory and the
# checksums, which must agree.
# Usage: bench/gc.sh [WARD] [TREE_DEPTH] [ARRAYS_THOUSANDS] [ROUNDS]
# (defaults build/release/ward, 18, 2000, 3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ward=${1:-$here/../build/release/ward}
depth=${2:-18}
arrays=${3:-2000}
rounds=${4:-3}
cpu=${CPU:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc=${CC:-cc}
for p in alloc_trees gc_arrays; do
  "$cc" -O2 -std=c11 -I"$here" "$here/$p.c" -o "$out/$p" -lm
done
# One timed run: prints "NAME RUNTIME seconds peak_kib checksum".
run() {
  local name=$1 rt=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$out/time" taskset -c "$cpu" "$@" >"$out/stdout"
  local sum
  sum=$(grep -o '0x[0-9a-f]*' "$out/stdout" | head -1 || true)
  [ -n "$sum" ] || sum=$(printf '0x%016x' "$(cat "$out/stdout")")
  echo "$name $rt $(cat "$out/time") $sum"
}
for r in $(seq "$rounds"); do
  run trees ward "$ward" run --invoke run "$here/gc_trees.wat" "$depth"
  run trees native "$out/alloc_trees" "$depth"
  run arrays ward "$ward" run --invoke run "$here/gc_arrays.wat" "$((arrays * 1000))"
  run arrays native "$out/gc_arrays" "$arrays"
done | sort -k1,2 -k3n | awk '
  { k = $1 " " $2; n[k]++; t[k, n[k]] = $3; if ($4 > m[k]) m[k] = $4; s[k] = $5 }
  END {
    for (k in n) printf "%-14s %8.3f s (median of %d)  peak %7.1f MiB  checksum %s\n",
      k, t[k, int((n[k] + 1) / 2)], n[k], m[k] / 1024, s[k]
  }' | sort
