#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Differential fuzzing of ward against binaryen's interpreter: writes random
# modules with `wasm-opt -ttf` (binaryen 132 from npm, scripts/install-deps.sh),
# runs each under `wasm-opt --fuzz-exec-before` and under ward
# (tests/fuzz/diff_binaryen.c, which prints what fuzz-exec prints), and
# compares the two outputs after tests/fuzz/fuzz_diff_norm.py has normalised
# both. docs/fuzzing.md describes what is compared and each normalisation.
# Usage: scripts/fuzz-diff.sh SECONDS [SEED]
#   Runs until SECONDS have passed. SEED (default: from the clock) fixes the
#   random inputs: module N of seed S is the same on every run. Mismatches
#   are saved under build/fuzz-diff/seed-S/ (printed), one directory each
#   with the input bytes, the module, both outputs raw and normalised, and
#   their diff. Exits 1 if there was a mismatch.
# Reproduce a saved one: tests/fuzz/fuzz-diff-one.sh DIR/module.wasm
# This is not part of scripts/test.sh. Run it on one CPU (taskset -c 0).
set -euo pipefail
# All of it in a function, read whole before it runs: editing the file
# during a long run does not change the run.
main() {
cd "$(dirname "$0")/.."
repo=$(pwd)

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || { [ $# -ge 2 ] && ! [[ $2 =~ ^[0-9]+$ ]]; }; then
  echo "usage: scripts/fuzz-diff.sh SECONDS [SEED]" >&2
  exit 2
fi
seconds=$1
seed=${2:-$(date +%s)}

# The features of the modules (TTF_FEATURES: what ward implements today)
# and those to add later (TTF_FEATURES_LATER).
source tests/fuzz/ttf_features.sh
FEATURES=("${TTF_FEATURES[@]}")

bin=$repo/.tools/npm/node_modules/binaryen/bin
if ! [ -x "$bin/wasm-opt" ]; then
  scripts/install-deps.sh
fi
# binaryen's tools are JavaScript around a large wasm module: with V8's
# baseline compiler alone each run takes half the time.
wasm_opt() { node --liftoff-only "$bin/wasm-opt" "$@"; }
wasm_dis() { node --liftoff-only "$bin/wasm-dis" "$@"; }
if ! [ -f build/release/build.ninja ]; then
  cmake --preset release >/dev/null
fi
cmake --build --preset release --target diff_binaryen >/dev/null

out=$repo/build/fuzz-diff/seed-$seed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
echo "fuzz-diff: ${seconds}s, seed $seed; mismatches go to $out"

# one N: generates module N and compares; sets $status to same, mismatch,
# skipped-typed-refs (ward lacks typed references, which binaryen uses
# with reference types: ref.as_non_null, non-nullable types) or
# skipped-timeout (binaryen's own run took too long), skipped-generate
# or skipped-binaryen-error (wasm-opt failed).
one() {
  local n=$1 denan=()
  python3 -c "import random, sys; r = random.Random($seed * 1000003 + $n); \
sys.stdout.buffer.write(r.randbytes(r.randint(1000, 40000)))" >"$work/in.bin"
  # Half the modules go through --denan (NaNs replaced by 0 wherever they
  # arise: full comparison, reinterpretations included), half keep their
  # NaNs, printed NaNs compared as "nan".
  local nans=--nans
  if [ $((n % 2)) -eq 0 ]; then
    denan=(--denan)
    nans=
  fi
  status=skipped-generate
  wasm_opt "$work/in.bin" -ttf --mvp-features "${FEATURES[@]}" "${denan[@]}" \
    -o "$work/module.wasm" >/dev/null 2>&1 || return 0
  # binaryen's interpreter recurses on the JS stack: give node a large one
  # (on a main thread stack as large), or deep modules overflow it.
  local brc=0
  (
    ulimit -s 1000000
    exec timeout 60 node --liftoff-only --stack-size=900000 "$bin/wasm-opt" "$work/module.wasm" \
      "${FEATURES[@]}" --fuzz-exec-before -q >"$work/binaryen.out" 2>"$work/binaryen.err"
  ) || brc=$?
  status=skipped-timeout
  [ $brc -ne 124 ] || return 0
  status=skipped-binaryen-error
  [ $brc -eq 0 ] || return 0
  local rc=0
  timeout 60 build/release/tests/diff_binaryen "$work/module.wasm" >"$work/ward.out" \
    2>"$work/ward.err" || rc=$?
  [ $rc -eq 0 ] || echo "[diff_binaryen exited with status $rc]" >>"$work/ward.out"
  python3 tests/fuzz/fuzz_diff_norm.py $nans "$work/binaryen.out" "$work/ward.out" \
    "$work/binaryen.norm" "$work/ward.norm"
  if cmp -s "$work/binaryen.norm" "$work/ward.norm"; then
    status=same
    # With NaNs kept: did their bits differ (only the normalisation made
    # the outputs equal)? Counted, as it is allowed.
    if [ -n "$nans" ]; then
      python3 tests/fuzz/fuzz_diff_norm.py "$work/binaryen.out" "$work/ward.out" \
        "$work/binaryen.norm" "$work/ward.norm"
      cmp -s "$work/binaryen.norm" "$work/ward.norm" || status=same-but-nan-bits
    fi
    return 0
  fi
  if grep -q '^\[ward: module not accepted' "$work/ward.out" &&
    wasm_dis "$work/module.wasm" "${FEATURES[@]}" 2>/dev/null |
    grep -qE 'ref\.as_non_null|br_on_(non_)?null|\(ref (\$|func|extern|exn|any|none|nofunc|noextern))'; then
    status=skipped-typed-refs
    return 0
  fi
  status=mismatch
  local dir=$out/$n
  mkdir -p "$dir"
  cp "$work"/in.bin "$work"/module.wasm "$work"/binaryen.out "$work"/ward.out "$work"/ward.err \
    "$work"/binaryen.norm "$work"/ward.norm "$dir/"
  echo "${denan[*]:-}" >"$dir/gen-flags"
  diff "$work/binaryen.norm" "$work/ward.norm" >"$dir/diff" || true
  echo "fuzz-diff: module $n: MISMATCH, saved in $dir"
  head -n 8 "$dir/diff" | sed 's/^/    /'
}

declare -A count=()
end=$((SECONDS + seconds))
n=0
while [ $SECONDS -lt $end ]; do
  n=$((n + 1))
  status=
  one $n
  count[$status]=$((${count[$status]:-0} + 1))
  if [ $((n % 100)) -eq 0 ]; then
    echo "fuzz-diff: $n modules, $(for k in "${!count[@]}"; do printf '%s %s, ' "$k" "${count[$k]}"; done)"
  fi
done
echo "fuzz-diff: $n modules in ${seconds}s (seed $seed):" \
  "same $((${count[same]:-0} + ${count[same-but-nan-bits]:-0})) (NaN bits differed in ${count[same-but-nan-bits]:-0})," \
  "mismatch ${count[mismatch]:-0}, skipped (typed references) ${count[skipped-typed-refs]:-0}," \
  "skipped (binaryen timeout) ${count[skipped-timeout]:-0}," \
  "skipped (binaryen failed) $((${count[skipped-generate]:-0} + ${count[skipped-binaryen-error]:-0}))"
[ "${count[mismatch]:-0}" -eq 0 ]
}
main "$@"
