#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Paired timing of two ward binaries (or ward against a peer) on the
# suite's programs: each pair runs A then B (the order alternating from
# pair to pair), both pinned to one CPU, and the ratio of their CPU times
# (user + system) is the pair's; a program's figure is the median of its
# pairs' ratios, so that a slow moment of the machine weighs on one pair
# at most. Below 1: A is faster.
# Usage: bench/ab.sh A_CMD B_CMD WASM_DIR [NAME...]
#   A_CMD, B_CMD: a command that takes a .wasm file last, e.g.
#   "build/release/ward run" or "/path/to/wasm3"; WASM_DIR holds NAME.wasm
#   (bench/run.sh's OUT/wasm). Without names: every program there.
# Environment: PAIRS (default 9), CPU (default 1).
set -euo pipefail
a=${1:?usage: bench/ab.sh A_CMD B_CMD WASM_DIR [NAME...]}
b=${2:?usage}
dir=${3:?usage}
shift 3
pairs=${PAIRS:-9}
cpu=${CPU:-1}
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$dir"/*.wasm; do
    n=$(basename "$f" .wasm)
    [ "$n" = hello ] || names+=("$n")
  done
fi
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c "$cpu"); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# CPU seconds (user + system) of one run of command $1 on program $2.
cpu_time() {
  # shellcheck disable=SC2086 # the command is words on purpose
  /usr/bin/time -f "%U %S" -o "$tmp/t" "${pin[@]}" $1 "$dir/$2.wasm" >/dev/null 2>"$tmp/err" ||
    { echo "ab.sh: '$1 $dir/$2.wasm' failed: $(tail -1 "$tmp/err")" >&2; exit 1; }
  awk '{printf "%.4f\n", $1 + $2}' "$tmp/t"
}
printf '%-14s %s\n' program "A/B (median of $pairs pairs)"
for n in "${names[@]}"; do
  : >"$tmp/r"
  for ((i = 0; i < pairs; i++)); do
    if ((i % 2 == 0)); then
      ta=$(cpu_time "$a" "$n")
      tb=$(cpu_time "$b" "$n")
    else
      tb=$(cpu_time "$b" "$n")
      ta=$(cpu_time "$a" "$n")
    fi
    awk -v a="$ta" -v b="$tb" 'BEGIN { if (b > 0) printf "%.6f\n", a / b }' >>"$tmp/r"
  done
  if [ ! -s "$tmp/r" ]; then
    printf '%-14s %s\n' "$n" "n/a (B took no measurable CPU time)"
    continue
  fi
  sort -g "$tmp/r" | awk -v n="$n" '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
          printf "%-14s %.4f\n", n, m }' | tee -a "$tmp/all"
done
awk '{ s += log($2); k++ } END { if (k) printf "%-14s %.4f\n", "geomean", exp(s / k) }' "$tmp/all"
