#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tail calls against a loop (bench/tail_loop.wat): the sum of 1..N as a
# loop with br_if, as return_call to itself and as return_call_indirect,
# each timed under ward and under node (V8), pinned to one CPU, ROUNDS
# rounds interleaved; prints the median seconds of each.
# Usage: bench/tail_calls.sh [WARD] [N] [ROUNDS] (defaults build/release/ward,
# 100000000, 3). Needs wat2wasm (wabt) for node's copy of the module.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ward=${1:-$here/../build/release/ward}
n=${2:-100000000}
rounds=${3:-3}
cpu=${CPU:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wat2wasm --enable-tail-call "$here/tail_loop.wat" -o "$out/tail_loop.wasm"
cat >"$out/run.js" <<'JS'
const fs = require('fs');
const inst = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(process.argv[2])), {});
const t0 = process.hrtime.bigint();
const r = inst.exports[process.argv[3]](+process.argv[4]);
console.log(r, Number(process.hrtime.bigint() - t0) / 1e9);
JS
now() { date +%s.%N; }
for f in loop tail tail_indirect; do
  for r in $(seq "$rounds"); do
    t0=$(now)
    taskset -c "$cpu" "$ward" run --invoke "$f" "$here/tail_loop.wat" "$n" >/dev/null
    t1=$(now)
    echo "ward $f $(echo "$t1 - $t0" | bc)"
    # node's time is the call alone (V8 compiles the module first)
    echo "node $f $(taskset -c "$cpu" node "$out/run.js" "$out/tail_loop.wasm" "$f" "$n" | cut -d' ' -f2)"
  done
done | sort -k1,2 -k3n | awk '
  { k = $1 " " $2; n[k]++; v[k, n[k]] = $3 }
  END { for (k in n) printf "%-22s %.3f s (median of %d)\n", k, v[k, int((n[k] + 1) / 2)], n[k] }' | sort
