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
# With --instructions, counts instructions executed (valgrind's cachegrind,
# at the programs' quick sizes) instead of timing: deterministic where a
# busy machine makes timings noisy.
#
# With --modes, runs only those (e.g. --modes off,interrupt); off is
# always among them, as the ratios are to it.
#
# Usage: bench/limits.sh [--rounds N] [--cpu N] [--instructions] [--modes M,...] WARD WASM_DIR [NAME...]
set -euo pipefail
rounds=5
cpu=1
instr=0
want=()
while [ $# -gt 0 ]; do
  case $1 in
  --rounds) rounds=$2; shift 2 ;;
  --cpu) cpu=$2; shift 2 ;;
  --instructions) instr=1; shift ;;
  --modes) IFS=, read -r -a want <<<"$2"; shift 2 ;;
  -h | --help) sed -n '3,19p' "$0"; exit 0 ;;
  *) break ;;
  esac
done
usage="usage: bench/limits.sh [--rounds N] [--cpu N] [--instructions] [--modes M,...] WARD WASM_DIR [NAME...]"
ward=${1:?$usage}
dir=${2:?$usage}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in "$here"/*.c; do
    n=$(basename "$src" .c)
    case $n in hello | gc_* | vec_*) ;; *) [ -f "$dir/$n.wasm" ] && names+=("$n") ;; esac
  done
fi
modes=(off)
for m in fuel interrupt both; do
  if [ ${#want[@]} -eq 0 ] || [[ " ${want[*]} " == *" $m "* ]]; then modes+=("$m"); fi
done
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
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$ward" run \
      $(flags "$1") "$dir/$2.wasm" quick 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
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
awk -v unit="$([ "$instr" -eq 1 ] && echo instructions || echo seconds)" -v modes="${modes[*]}" '
  { v[$1 " " $2] = v[$1 " " $2] " " $3; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  function median(s,   a, k, i, j, t) {
    k = split(s, a, " ")
    for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    nm = split(modes, m, " ")
    printf "%-14s %12s", "program", "off"
    for (j = 2; j <= nm; j++) printf " %10s", m[j]
    printf "   (median %s; ratios to off)\n", unit
    for (i = 1; i <= n; i++) {
      p = order[i]; o = median(v[p " off"])
      printf "%-14s %12.4g", p, o
      for (j = 2; j <= nm; j++) { r = median(v[p " " m[j]]) / o; l[j] += log(r); printf " %10.3f", r }
      printf "\n"
    }
    printf "%-14s %12s", "geomean", ""
    for (j = 2; j <= nm; j++) printf " %10.3f", exp(l[j] / n)
    printf "\n"
  }' "$raw"
