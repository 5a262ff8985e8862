#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instantiation cost (docs/performance.md, Instantiation): builds
# bench/instantiate.c against ward's release build (guard pages) and its
# explicit build (explicit bounds checks), runs both ROUNDS times,
# interleaved and pinned to one CPU, and prints per module shape the median
# microseconds of CPU time (user + system, so that other load on the machine
# counts less) per store + instance + call + delete, and the resident bytes
# per live instance with LIVE instances of shape b in one process.
#
# Usage: bench/instantiate.sh [--rounds N] [--iters N] [--live N] [--out DIR]
#   --rounds N  rounds per build, interleaved (default 3)
#   --iters N   iterations per timed batch, 5 batches per round (default 20000)
#   --live N    live instances for the memory figure (default 10000; 0: none)
#   --out DIR   where the programs and modules go (default build/bench-inst)
# Environment: CPU (default 1) is the CPU to pin to (taskset, where there is
# one); CC (default cc) compiles the bench program. WAMR_INST, if set, is a
# program that runs the same loop on another runtime: it is run as
# `$WAMR_INST DIR --label wamr --iters N --rounds 5 --live N`, where DIR
# holds the three modules (a.wasm, b.wasm, c.wasm), and must print lines as
# instantiate does (see the head of bench/instantiate.c); its figures and
# the ratios to them are printed too. No script here builds a peer runtime.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
rounds=3
iters=20000
live=10000
out="$root/build/bench-inst"
while [ $# -gt 0 ]; do
  case $1 in
  --rounds) rounds=${2:?--rounds needs a value}; shift ;;
  --iters) iters=${2:?--iters needs a value}; shift ;;
  --live) live=${2:?--live needs a value}; shift ;;
  --out) out=${2:?--out needs a value}; shift ;;
  -h | --help) sed -n '3,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "instantiate.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
for v in "$rounds" "$iters" "$live"; do
  [[ $v =~ ^[0-9]+$ ]] || { echo "instantiate.sh: not a number: $v" >&2; exit 2; }
done
[ "$rounds" -gt 0 ] && [ "$iters" -gt 0 ] || { echo "instantiate.sh: rounds and iters must be > 0" >&2; exit 2; }
mkdir -p "$out/modules"
cc=${CC:-cc}
cpu=${CPU:-1}
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "$cpu"); fi

builds=(release explicit)
labels=(guard explicit)
for i in "${!builds[@]}"; do
  b=${builds[$i]}
  echo "==> ward ($b preset)" >&2
  (cd "$root" && cmake --preset "$b" >/dev/null && cmake --build --preset "$b" --target ward_static >/dev/null)
  lib=$(find "$root/build/$b" -maxdepth 1 -name 'libward.a' -o -maxdepth 1 -name 'ward.lib' | head -1)
  "$cc" -O2 -std=c11 -I"$root/include" "$root/bench/instantiate.c" "$lib" -lm -lpthread \
    -o "$out/instantiate-${labels[$i]}"
done
"$out/instantiate-guard" --write "$out/modules"

runs=()
for l in "${labels[@]}"; do runs+=("$out/instantiate-$l --label $l"); done
if [ -n "${WAMR_INST:-}" ]; then runs+=("$WAMR_INST $out/modules --label wamr"); fi
raw="$out/raw.txt"
: >"$raw"
for r in $(seq "$rounds"); do
  for cmd in "${runs[@]}"; do
    # shellcheck disable=SC2086 # cmd is a program and its arguments
    "${pin[@]}" $cmd --iters "$iters" --rounds 5 --live "$live" | tee -a "$raw" >&2
  done
done

# The medians over the rounds: "inst LABEL SHAPE US" and "live LABEL b N RSS PTE".
awk -v wamr="${WAMR_INST:+1}" '
  function median(key,   n, i, j, t, a) {
    n = cnt[key]
    for (i = 1; i <= n; i++) a[i] = val[key, i]
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return a[int((n + 1) / 2)]
  }
  $1 == "inst" { k = $2 " " $3; val[k, ++cnt[k]] = $4 }
  $1 == "live" { k = "rss " $2; val[k, ++cnt[k]] = $5; k = "pte " $2; val[k, ++cnt[k]] = $6; n = $4 }
  END {
    split("a b c", shapes, " ")
    names["a"] = "a: one function"; names["b"] = "b: memory, table, globals, data"
    names["c"] = "c: 17 pages, 100 functions"
    printf "\nCPU microseconds per store + instance + call + delete (median of rounds)\n"
    printf "%-34s %10s %10s", "shape", "guard", "explicit"
    if (wamr) printf " %10s %9s %9s", "wamr", "guard/w", "expl/w"
    printf "\n"
    for (i = 1; i <= 3; i++) {
      s = shapes[i]
      g = median("guard " s); e = median("explicit " s)
      printf "%-34s %10.2f %10.2f", names[s], g, e
      if (wamr) { w = median("wamr " s); printf " %10.2f %9.2f %9.2f", w, g / w, e / w }
      printf "\n"
    }
    if (cnt["rss guard"]) {
      printf "\nbytes per live instance of b (%d live): resident + page tables\n", n
      split("guard explicit wamr", ls, " ")
      for (i = 1; i <= 3; i++) {
        l = ls[i]
        if (!cnt["rss " l]) continue
        printf "%-10s %8.0f + %6.0f\n", l, median("rss " l), median("pte " l)
      }
    }
  }' "$raw"
