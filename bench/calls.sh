#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What calls cost: the sum of 1..N written as a loop that adds in line
# (bench/call_loop.wat), as a loop calling a function to add, the same
# through a table (call_indirect), and as a function calling itself with
# return_call and return_call_indirect (bench/tail_loop.wat). Each form is
# timed under ward, wasm3 (if given; it has no tail calls) and node (V8),
# pinned to one CPU, ROUNDS rounds interleaved. Prints the median seconds
# of each, and per runtime and form the nanoseconds a call adds to an
# iteration: (median of the form - median of the loop) / N. Start-up is
# in both medians (node's are the call alone) and cancels out.
# Usage: bench/calls.sh [WARD] [N] [ROUNDS] (defaults build/release/ward,
# 100000000, 3); WASM3=PATH adds wasm3. Needs wat2wasm (wabt).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ward=${1:-$here/../build/release/ward}
n=${2:-100000000}
rounds=${3:-3}
cpu=${CPU:-1}
wasm3=${WASM3:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wat2wasm "$here/call_loop.wat" -o "$out/call_loop.wasm"
wat2wasm --enable-tail-call "$here/tail_loop.wat" -o "$out/tail_loop.wasm"
now() { date +%s.%N; }
# Runs command "$@" pinned; prints its wall time (what it prints goes to
# $out/log: wasm3 prints its result on stderr), or nan if it failed.
timed() {
  local t0 t1
  t0=$(now)
  if ! taskset -c "$cpu" "$@" >"$out/log" 2>&1; then
    cat "$out/log" >&2
    echo "failed: $*" >&2
    echo nan
    return
  fi
  t1=$(now)
  echo "$t1 - $t0" | bc
}
for r in $(seq "$rounds"); do
  for form in call_loop:loop call_loop:call call_loop:call_indirect tail_loop:tail \
    tail_loop:tail_indirect; do
    m=$out/${form%%:*}.wasm f=${form#*:}
    echo "ward $f $(timed "$ward" run --invoke "$f" "$m" "$n")"
    if [ -n "$wasm3" ] && [ "${form%%:*}" = call_loop ]; then
      echo "wasm3 $f $(timed "$wasm3" --func "$f" "$m" "$n")"
    fi
    # node's time is the call alone (V8 compiles the module first)
    echo "node $f $(taskset -c "$cpu" node "$here/node_invoke.mjs" "$m" "$f" "$n" | cut -d' ' -f2)"
  done
done | sort -k1,2 -k3n | awk -v n="$n" '
  { k = $1 " " $2; c[k]++; v[k, c[k]] = $3; rt[$1] = 1 }
  END {
    for (k in c) { m[k] = v[k, int((c[k] + 1) / 2)]; printf "%-26s %.3f s (median of %d)\n", k, m[k], c[k] }
    split("call call_indirect tail tail_indirect", forms, " ")
    for (r in rt)
      for (f = 1; f <= 4; f++)
        if ((r " " forms[f]) in m && (r " loop") in m)
          printf "%-26s %.2f ns per call\n", r " " forms[f], (m[r " " forms[f]] - m[r " loop"]) * 1e9 / n
  }' | sort
