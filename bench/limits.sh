#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What the limits for untrusted code cost (include/ward/limits.h): runs each
# program of the scalar suite under one ward binary four ways, interleaved
# over ROUNDS rounds and pinned to one CPU: no limits (`off`), with fuel
# (--fuel, a budget it never exhausts), with interruption armed (--timeout,
# a deadline it never reaches), and with both; prints each program's
# median time per mode, the ratios to `off`, and their geometric means.
# Wasm modules come from bench/run.sh's OUT/wasm (or any directory of
# NAME.wasm files built from bench/*.c).
#
# With --instructions, counts instructions executed (valgrind's callgrind,
# at the programs' quick sizes) instead of timing: deterministic where a
# busy machine makes timings noisy.
#
# Usage: bench/limits.sh [--rounds N] [--cpu N] [--instructions] WARD WASM_DIR [NAME...]
set -euo pipefail
rounds=5
cpu=1
instr=0
while [ $# -gt 0 ]; do
  case $1 in
  --rounds) rounds=$2; shift 2 ;;
  --cpu) cpu=$2; shift 2 ;;
  --instructions) instr=1; shift ;;
  -h | --help) sed -n '3,16p' "$0"; exit 0 ;;
  *) break ;;
  esac
done
ward=${1:?usage: bench/limits.sh [--rounds N] [--cpu N] [--instructions] WARD WASM_DIR [NAME...]}
dir=${2:?usage: bench/limits.sh [--rounds N] [--cpu N] [--instructions] WARD WASM_DIR [NAME...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in "$here"/*.c; do
    n=$(basename "$src" .c)
    case $n in hello | gc_* | vec_*) ;; *) names+=("$n") ;; esac
  done
fi
modes=(off fuel interrupt both)
flags() {
  case $1 in
  off) ;;
  fuel) echo "--fuel 9000000000000000000" ;;
  interrupt) echo "--timeout 1h" ;;
  both) echo "--fuel 9000000000000000000 --timeout 1h" ;;
  esac
}
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c "$cpu"); fi
measure() { # mode name -> seconds, or instructions
  # shellcheck disable=SC2046
  if [ "$instr" -eq 1 ]; then
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$ward" run $(flags "$1") \
      "$dir/$2.wasm" quick 2>&1 | sed -n 's/.*Collected : //p'
  else
    local t0 t1
    t0=$(date +%s%N)
    "${pin[@]}" "$ward" run $(flags "$1") "$dir/$2.wasm" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))e-6
  fi
}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
[ "$instr" -eq 1 ] && rounds=1
for ((r = 0; r < rounds; r++)); do
  for n in "${names[@]}"; do
    for m in "${modes[@]}"; do
      echo "$n $m $(measure "$m" "$n")" >>"$raw"
    done
  done
done
awk -v unit="$([ "$instr" -eq 1 ] && echo instructions || echo seconds)" '
  { v[$1 " " $2] = v[$1 " " $2] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  function median(s,   a, k, i, j, t) {
    k = split(s, a, " ")
    for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    printf "%-14s %12s %8s %10s %8s   (median %s; ratios to off)\n", "program", "off", "fuel", "interrupt", "both", unit
    for (i = 1; i <= n; i++) {
      p = order[i]; o = median(v[p " off"])
      f = median(v[p " fuel"]) / o; t = median(v[p " interrupt"]) / o; b = median(v[p " both"]) / o
      lf += log(f); lt += log(t); lb += log(b)
      printf "%-14s %12.4g %8.3f %10.3f %8.3f\n", p, o, f, t, b
    }
    printf "%-14s %12s %8.3f %10.3f %8.3f\n", "geomean", "", exp(lf / n), exp(lt / n), exp(lb / n)
  }' "$raw"
