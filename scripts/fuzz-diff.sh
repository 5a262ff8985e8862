#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Differential fuzzing of ward against binaryen's interpreter: writes random
# modules with `wasm-opt -ttf` (binaryen 132 from npm, scripts/install-deps.sh),
# runs each under `wasm-opt --fuzz-exec-before` and under ward
# (tests/fuzz/diff_binaryen.c, which prints what fuzz-exec prints), and
# compares the two outputs after tests/fuzz/fuzz_diff_norm.py has normalised
# both. docs/fuzzing.md describes what is compared and each normalisation.
# Usage: [FUZZ_DIFF_PRESET=asan] scripts/fuzz-diff.sh SECONDS [SEED]
#   Runs until SECONDS have passed. SEED (default: from the clock) fixes the
#   random inputs: module N of seed S is the same on every run. Mismatches
#   are saved under build/fuzz-diff/seed-S/N/ (printed), with the input
#   bytes, the module (and as text), both outputs raw and normalised, and
#   their diff; allowed differences likewise under nan-bits/N/ and
#   relaxed-choice/N/. Exits 1 if there was a mismatch.
# docs/fuzzing.md says how to reproduce one.
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
spec=${WARD_SPEC_DIR:-../shared/spec}

# The features of the modules: TTF_FEATURES, not yet TTF_FEATURES_SEEDS (GC,
# multiple and 64-bit memories: tests/fuzz/ttf_features.sh says why).
source tests/fuzz/ttf_features.sh
FEATURES=("${TTF_FEATURES[@]}" "${TTF_FEATURES_SEEDS[@]}")

bin=$repo/.tools/npm/node_modules/binaryen/bin
if ! [ -x "$bin/wasm-opt" ]; then
  scripts/install-deps.sh
fi
# binaryen's tools are JavaScript around a large wasm module: with V8's
# baseline compiler alone each run takes half the time.
wasm_opt() { node --liftoff-only "$bin/wasm-opt" "$@"; }
wasm_dis() { node --liftoff-only "$bin/wasm-dis" "$@"; }
# FUZZ_DIFF_PRESET=asan runs ward under AddressSanitizer and UBSan (any
# report ends the run of diff_binaryen, and so shows as a mismatch); other
# presets run its other dispatch modes.
preset=${FUZZ_DIFF_PRESET:-release}
if ! [ -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset" >/dev/null
fi
cmake --build --preset "$preset" --target diff_binaryen wast_modules >/dev/null
diff_binaryen=build/$preset/tests/diff_binaryen
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

out=$repo/build/fuzz-diff/seed-$seed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
echo "fuzz-diff: ${seconds}s, seed $seed, ward's $preset build; mismatches go to $out"
# Initial contents for every third round: the valid modules of our
# interpreter and Wasm 3.0 feature scripts and of the spec's exception and
# tail-call scripts, which -ttf keeps and mixes its random code into
# (binaryen writes no delegate or rethrow of its own: these bring them).
mkdir -p "$work/initial"
"build/$preset/tests/wast_modules" --valid "$work/initial" tests/interp/*.wast tests/features/*.wast \
  "$spec"/core-3.0-wast/{throw,throw_ref,try_table,tag,return_call,return_call_indirect}.wast \
  >/dev/null 2>&1 || true
local initial=()
mapfile -t initial < <(find "$work/initial" -name '*.wasm' | sort)
# Left out: modules with array.init_elem (0xFB 0x13; a stray match only
# drops a module), which binaryen 132's interpreter runs with the wrong
# segment offset (docs/fuzzing.md, the run of 2026-12-06): every module
# made from one would be a mismatch that is binaryen's.
local kept=()
for f in "${initial[@]}"; do
  LC_ALL=C grep -q $'\xfb\x13' "$f" || kept+=("$f")
done
initial=("${kept[@]}")

# run_both PREFIX NANS FEATURE...: runs $work/PREFIX.wasm under binaryen and
# ward into PREFIX.{binaryen,ward}.{out,norm} (NANS: "--nans" or "");
# returns 0 if the normalised outputs are equal, 1 if not, 124 if
# binaryen timed out, 2 if it failed.
run_both() {
  local p=$work/$1 nans=$2 brc=0 rc=0
  shift 2
  # binaryen's interpreter recurses on the JS stack: give node a large one
  # (on a main thread stack as large), or deep modules overflow it.
  (
    ulimit -s 1000000
    exec timeout 60 node --liftoff-only --stack-size=900000 "$bin/wasm-opt" "$p.wasm" "$@" \
      --fuzz-exec-before -q >"$p.binaryen.out" 2>"$p.binaryen.err"
  ) || brc=$?
  [ $brc -ne 124 ] || return 124
  [ $brc -eq 0 ] || return 2
  timeout 60 "$diff_binaryen" "$p.wasm" >"$p.ward.out" 2>"$p.ward.err" || rc=$?
  [ $rc -eq 0 ] || echo "[diff_binaryen exited with status $rc]" >>"$p.ward.out"
  python3 tests/fuzz/fuzz_diff_norm.py $nans "$p.binaryen.out" "$p.ward.out" \
    "$p.binaryen.norm" "$p.ward.norm"
  cmp -s "$p.binaryen.norm" "$p.ward.norm"
}

# one N: generates module N and compares; sets $status to
#   same                 equal outputs
#   same-but-nan-bits    equal once printed NaNs are "nan"
#   nan-bits             different, but not when the module goes through
#                        --denan: NaN bits that reached an integer
#   relaxed-choice       different, in a module with relaxed_madd or a
#                        relaxed dot product (see ttf_features.sh)
#   mismatch             different
#   skipped-timeout      binaryen's run took over 60 s
#   skipped-generate, skipped-binaryen-error: wasm-opt failed
one() {
  local n=$1 denan=() feats=("${FEATURES[@]}") rc=0
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
  # Every other pair of rounds has relaxed SIMD too.
  if [ $((n / 2 % 2)) -eq 1 ]; then
    feats+=("${TTF_FEATURES_RELAXED[@]}")
  fi
  # Every third round starts from one of the initial contents.
  local init=()
  if [ $((n % 3)) -eq 0 ] && [ ${#initial[@]} -gt 0 ]; then
    init=(--initial-fuzz="${initial[$(((seed + n / 3) % ${#initial[@]}))]}")
  fi
  rm -f "$work"/module*
  status=skipped-generate
  wasm_opt "$work/in.bin" -ttf "${init[@]}" --mvp-features "${feats[@]}" "${denan[@]}" \
    -o "$work/module.wasm" >/dev/null 2>&1 || return 0
  run_both module "$nans" "${feats[@]}" || rc=$?
  case $rc in
  124) status=skipped-timeout && return 0 ;;
  2) status=skipped-binaryen-error && return 0 ;;
  0)
    status=same
    if [ -n "$nans" ]; then
      python3 tests/fuzz/fuzz_diff_norm.py "$work/module.binaryen.out" "$work/module.ward.out" \
        "$work/a.norm" "$work/b.norm"
      cmp -s "$work/a.norm" "$work/b.norm" || status=same-but-nan-bits
    fi
    return 0
    ;;
  esac
  wasm_dis "$work/module.wasm" "${feats[@]}" >"$work/module.wat" 2>/dev/null || true
  local dir=$out/$n
  status=mismatch
  if [ -n "$nans" ] && wasm_opt "$work/module.wasm" "${feats[@]}" --denan \
    -o "$work/module-denan.wasm" >/dev/null 2>&1 && run_both module-denan "" "${feats[@]}"; then
    # NaN bits that reached an integer: allowed, kept apart.
    status=nan-bits
    dir=$out/nan-bits/$n
  elif [ ${#feats[@]} -gt ${#FEATURES[@]} ] && grep -qE 'relaxed_(madd|dot)' "$work/module.wat"; then
    status=relaxed-choice
    dir=$out/relaxed-choice/$n
  fi
  mkdir -p "$dir"
  cp "$work"/in.bin "$work"/module* "$dir/"
  if [ ${#init[@]} -gt 0 ]; then
    cp "${init[0]#--initial-fuzz=}" "$dir/initial.wasm"
  fi
  echo "${denan[*]:-}" "${feats[@]}" "${init[@]}" >"$dir/gen-flags"
  diff "$work/module.binaryen.norm" "$work/module.ward.norm" >"$dir/diff" || true
  if [ $status != mismatch ]; then
    echo "fuzz-diff: module $n: differs ($status), saved in $dir"
    return 0
  fi
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
  "mismatch ${count[mismatch]:-0}; allowed differences: NaN bits ${count[nan-bits]:-0}," \
  "relaxed_madd/dot ${count[relaxed-choice]:-0};" \
  "skipped (binaryen timeout) ${count[skipped-timeout]:-0}," \
  "skipped (binaryen failed) $((${count[skipped-generate]:-0} + ${count[skipped-binaryen-error]:-0}))"
[ "${count[mismatch]:-0}" -eq 0 ]
}
main "$@"; exit $?
