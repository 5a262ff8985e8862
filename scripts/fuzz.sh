#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fuzzes ward with libFuzzer, under AddressSanitizer and UBSan:
#   module  ward_module_new (decode, validate, compile), seeded with the
#           core-2.0 spec modules (tests/fuzz/fuzz_module.c);
#   text    the text format: wd_wat_to_wasm (and the module it gives through
#           ward_module_new) and the .wast script parser, seeded with the
#           core-2.0 .wast scripts (tests/text/fuzz_text.c).
# Usage: scripts/fuzz.sh [module|text|all] [SECONDS] [JOBS]
#        (default: all, 300 seconds per target, 2 jobs; a number as the
#        first argument is SECONDS, for the module target alone)
# An input that runs longer than 10 seconds counts as a hang. Findings are
# written to build/fuzz/<target>/ as crash-*, leak-* or timeout-* files,
# which reproduce with build/fuzz/<target>/fuzz_<target> FILE.
# This is not part of scripts/test.sh: it is a longer run of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
target=all
if [ $# -gt 0 ] && ! [[ $1 =~ ^[0-9]+$ ]]; then
  target=$1
  shift
elif [ $# -gt 0 ]; then
  target=module
fi
case $target in
module | text | all) ;;
*)
  echo "usage: scripts/fuzz.sh [module|text|all] [SECONDS] [JOBS]" >&2
  exit 2
  ;;
esac
seconds=${1:-300}
jobs=${2:-2}
spec=${WARD_SPEC_DIR:-../shared/spec}
scripts/install-deps.sh
# Tail-call dispatch, as CMake picks for clang: clang's computed-goto build
# of the interpreter does not finish in reasonable time (docs/architecture.md).
flags=(-std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer -ffp-contract=off -DWD_DISPATCH_TAIL=1 -Iinclude -Isrc)
mapfile -t sources < <(ls src/*/*.c src/platform/posix/*.c)

found=0
# fuzz NAME HARNESS SEED_DIR SEED_GLOB
fuzz() {
  local name=$1 harness=$2 seeds=$3 glob=$4 out=build/fuzz/$1
  mkdir -p "$out/corpus"
  clang "${flags[@]}" "$harness" "${sources[@]}" -lm -o "$out/fuzz_$name"
  if [ -d "$seeds" ]; then
    find "$seeds" -name "$glob" -exec cp -n {} "$out/corpus/" \;
  fi
  echo "==> fuzz_$name: ${seconds}s, $jobs jobs"
  (cd "$out" && ./"fuzz_$name" -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
    -max_len=65536 -timeout=10 -print_final_stats=1 corpus 2>&1 | tail -n 20)
  if ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: findings in $out"
    found=1
  fi
}
if [ "$target" = module ] || [ "$target" = all ]; then
  fuzz module tests/fuzz/fuzz_module.c "$spec/core-2.0" '*.wasm'
fi
if [ "$target" = text ] || [ "$target" = all ]; then
  fuzz text tests/text/fuzz_text.c "$spec/core-2.0-wast" '*.wast'
fi
if [ "$found" -ne 0 ]; then
  exit 1
fi
echo "fuzz: no findings in ${seconds}s per target"
