#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ward built for wasm32-wasi and run on its own spec suite (docs/wasm-self.md):
# builds build/wasm/ward.wasm (preset `wasm`) and a native ward (preset
# `release`), then runs the spec scripts three ways, each script alone:
#
#   native  ward wast SCRIPT                                  (the reference)
#   ward    ward run --dir SPEC::/spec ward.wasm wast /spec/...  (ward in ward)
#   node    node scripts/wasi-node.mjs --dir SPEC::/spec ward.wasm wast ...
#
# and prints passes, failures and times of each, with the build time and
# the size of ward.wasm. Exits non-zero if anything failed.
#
# Usage: scripts/test-wasm-self.sh [--quick] [--no-build] [--install-deps]
#                                  [--spec DIR] [--ward NATIVE_WARD]
#   --quick         a few scripts of each suite (a smoke test of a minute)
#   --no-build      use build/wasm/ward.wasm and the native ward as they are
#   --install-deps  run scripts/install-deps.sh first (clang-19, wasi-libc,
#                   libclang-rt-14-dev-wasm32)
#   --spec DIR      the spec folder (core-2.0-wast/, core-3.0-wast/);
#                   default ../shared/spec beside the repository
#   --ward PATH     the native ward (default build/release/ward)
# Node 20 or later is needed for the node runs; without it they are skipped.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
repo=$(pwd)

quick=0 build=1 deps=0
spec=$repo/../shared/spec
ward=$repo/build/release/ward
while [ $# -gt 0 ]; do
  case $1 in
  --quick) quick=1 ;;
  --no-build) build=0 ;;
  --install-deps) deps=1 ;;
  --spec) spec=${2:?--spec DIR}; shift ;;
  --ward) ward=${2:?--ward PATH}; shift ;;
  *) echo "usage: $0 [--quick] [--no-build] [--install-deps] [--spec DIR] [--ward PATH]" >&2; exit 2 ;;
  esac
  shift
done
spec=$(cd "$spec" && pwd) || { echo "wasm-self: no spec folder at $spec" >&2; exit 2; }
wasm=$repo/build/wasm/ward.wasm
jobs=2

# Seconds since the epoch, with a fraction where date has %N (GNU, busybox).
now() {
  local t
  t=$(date +%s.%N)
  case $t in *N) date +%s ;; *) echo "$t" ;; esac
}
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

if [ $deps = 1 ]; then
  scripts/install-deps.sh || exit 1
fi

summary=()
if [ $build = 1 ]; then
  for t in clang-19 wasm-ld-19; do
    command -v $t >/dev/null 2>&1 || { echo "wasm-self: $t not found (scripts/install-deps.sh)" >&2; exit 2; }
  done
  [ -f /usr/include/wasm32-wasi/stdio.h ] ||
    { echo "wasm-self: wasi-libc not found (scripts/install-deps.sh)" >&2; exit 2; }
  if [ "$ward" = "$repo/build/release/ward" ]; then
    echo "==> native ward (preset release)"
    { cmake --preset release >/dev/null && cmake --build --preset release -j$jobs --target ward; } ||
      { echo "wasm-self: the native build failed" >&2; exit 1; }
  fi
  echo "==> ward.wasm (preset wasm)"
  t0=$(now)
  { cmake --preset wasm >/dev/null && cmake --build --preset wasm -j$jobs; } ||
    { echo "wasm-self: the wasm build failed" >&2; exit 1; }
  summary+=("build of ward.wasm: $(secs "$t0" "$(now)") s (-j$jobs; incremental if build/wasm existed)")
fi
[ -x "$ward" ] || { echo "wasm-self: no native ward at $ward" >&2; exit 2; }
[ -f "$wasm" ] || { echo "wasm-self: no $wasm (run without --no-build)" >&2; exit 2; }
summary+=("ward.wasm: $(wc -c <"$wasm") bytes")

have_node=0
if command -v node >/dev/null 2>&1 &&
  [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -ge 20 ]; then
  have_node=1
else
  summary+=("node: not found or older than 20: its runs skipped")
fi

# The 2.0 scripts run without the Wasm 3.0 features that change what they
# expect (tests/CMakeLists.txt WARD_WASM2_FLAGS); the 3.0 ones as ctest runs
# them (tests/spec/core-3.0.list).
flags2=-Wtail-call=n,extended-const=n,multi-memory=n,memory64=n,exceptions=n,legacy-exceptions=n,function-references=n,gc=n
if [ $quick = 1 ]; then
  list2=(i32 address br_table call_indirect float_exprs simd_lane memory_grow)
  list3=(array try_table return_call memory64 relaxed_min_max)
else
  list2=()
  for f in "$spec"/core-2.0-wast/*.wast; do
    n=${f##*/}
    list2+=("${n%.wast}")
  done
  mapfile -t list3 < <(grep -v '^#' tests/spec/core-3.0.list)
fi

# run_suite RUNNER SET FLAGS NAME...: each script under one runner; adds the
# counts and the time to the summary.
log=$repo/build/wasm/wasm-self.log
: >"$log"
failed=0
run_suite() {
  local runner=$1 set=$2 flags=$3
  shift 3
  local pass=0 fail=0 bad=() t0 out rc line p q
  t0=$(now)
  for name in "$@"; do
    case $runner in
    native) out=$("$ward" wast ${flags:+"$flags"} "$spec/core-$set-wast/$name.wast" 2>&1) ;;
    ward) out=$("$ward" run --dir "$spec::/spec" "$wasm" wast ${flags:+"$flags"} \
      "/spec/core-$set-wast/$name.wast" 2>&1) ;;
    node) out=$(node scripts/wasi-node.mjs --dir "$spec::/spec" "$wasm" wast ${flags:+"$flags"} \
      "/spec/core-$set-wast/$name.wast" 2>&1) ;;
    esac
    rc=$?
    line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
    p=${line%% passed*}
    q=${line#*passed, }
    q=${q%% failed*}
    pass=$((pass + ${p:-0}))
    fail=$((fail + ${q:-0}))
    if [ $rc != 0 ] || [ -z "$line" ]; then
      bad+=("$name(exit $rc)")
      printf '== %s %s %s: exit %s\n%s\n' "$runner" "$set" "$name" $rc "$out" >>"$log"
    fi
  done
  local s
  s="$runner, $set ($# scripts): $pass passed, $fail failed, $(secs "$t0" "$(now)") s"
  if [ ${#bad[@]} -gt 0 ]; then
    s+="; failing: ${bad[*]}"
    failed=1
  fi
  echo "$s"
  summary+=("$s")
}

runners=(native ward)
[ $have_node = 1 ] && runners+=(node)
for r in "${runners[@]}"; do
  echo "==> $r: core-2.0"
  run_suite "$r" 2.0 "$flags2" "${list2[@]}"
  echo "==> $r: core-3.0"
  run_suite "$r" 3.0 "" "${list3[@]}"
done

echo
echo "wasm-self summary:"
printf '  %s\n' "${summary[@]}"
[ $failed = 0 ] || echo "  (the output of failing scripts: $log)"
exit $failed
