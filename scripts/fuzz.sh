#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fuzzes ward with libFuzzer, under AddressSanitizer and UBSan:
#   module  ward_module_new (decode, validate, compile), seeded with the
#           core-2.0 spec modules, the modules of every Wasm 3.0 spec script
#           (those of tests/spec/core-3.0.list and the GC scripts not in it
#           yet) and of our tests/features and tail-call scripts (every
#           module of them that parses, extracted by
#           tests/fuzz/wast_modules.c), and random modules written by
#           binaryen's `wasm-opt -ttf`: FUZZ_TTF_SEEDS of them (default
#           300) with exceptions and tail calls, in build/fuzz/ttf-seeds/,
#           and as many with GC, multiple and 64-bit memories too, in
#           build/fuzz/ttf-gc-seeds/, made once and kept
#           (tests/fuzz/fuzz_module.c);
#   text    the text format: wd_wat_to_wasm (and the module it gives through
#           ward_module_new) and the .wast script parser, seeded with the
#           core-2.0 and core-3.0 .wast scripts and ours in tests/features
#           (tests/text/fuzz_text.c).
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
# fuzz NAME HARNESS GLOB SEED_DIR...
fuzz() {
  local name=$1 harness=$2 glob=$3 out=build/fuzz/$1
  shift 3
  mkdir -p "$out/corpus"
  clang "${flags[@]}" "$harness" "${sources[@]}" -lm -o "$out/fuzz_$name"
  local seeds f
  # Each seed named after its directory too: core-2.0-wast and core-3.0-wast
  # hold scripts of the same names.
  for seeds in "$@"; do
    if [ -d "$seeds" ]; then
      while IFS= read -r f; do
        cp -n "$f" "$out/corpus/$(basename "$seeds")-$(basename "$f")"
      done < <(find "$seeds" -name "$glob")
    fi
  done
  echo "==> fuzz_$name: ${seconds}s, $jobs jobs, $(find "$out/corpus" -type f | wc -l) inputs in the corpus"
  (cd "$out" && ./"fuzz_$name" -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
    -max_len=65536 -timeout=10 -print_final_stats=1 corpus 2>&1 | tail -n 20)
  if ls "$out"/crash-* "$out"/leak-* "$out"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: findings in $out"
    found=1
  fi
}

# The modules of the Wasm 3.0 scripts, and of our own: every script of the
# spec's 3.0 suite, which is the list ctest runs (tests/spec/core-3.0.list)
# and the GC scripts not in it yet.
wasm3_seeds() {
  local dir=build/fuzz/wasm3-seeds scripts=()
  mkdir -p "$dir"
  scripts=("$spec"/core-3.0-wast/*.wast tests/features/*.wast tests/interp/tail_calls.wast)
  if ! [ -f build/release/build.ninja ]; then
    cmake --preset release >/dev/null
  fi
  cmake --build --preset release --target wast_modules >/dev/null
  build/release/tests/wast_modules "$dir" "${scripts[@]}"
}

# ttf_seeds DIR FEATURE...: random modules from binaryen with those
# features (and TTF_FEATURES), made once.
ttf_seeds() {
  local dir=$1 want=${FUZZ_TTF_SEEDS:-300} n
  local bin=.tools/npm/node_modules/binaryen/bin
  shift
  mkdir -p "$dir"
  if ! [ -x "$bin/wasm-opt" ]; then
    echo "fuzz: no wasm-opt (scripts/install-deps.sh installs it): no binaryen seeds" >&2
    return 0
  fi
  source tests/fuzz/ttf_features.sh
  n=$(find "$dir" -name '*.wasm' | wc -l)
  [ "$n" -lt "$want" ] && echo "fuzz: writing $((want - n)) modules with wasm-opt -ttf into $dir"
  for ((i = 0; i < want; i++)); do
    [ -f "$dir/ttf-$i.wasm" ] && continue
    python3 -c "import random, sys; r = random.Random($i); \
sys.stdout.buffer.write(r.randbytes(r.randint(500, 20000)))" >"$dir/in.bin"
    node --liftoff-only "$bin/wasm-opt" "$dir/in.bin" -ttf --mvp-features "${TTF_FEATURES[@]}" "$@" \
      -o "$dir/ttf-$i.wasm" >/dev/null 2>&1 || rm -f "$dir/ttf-$i.wasm"
  done
  rm -f "$dir/in.bin"
}

if [ "$target" = module ] || [ "$target" = all ]; then
  wasm3_seeds
  source tests/fuzz/ttf_features.sh
  ttf_seeds build/fuzz/ttf-seeds
  ttf_seeds build/fuzz/ttf-gc-seeds "${TTF_FEATURES_SEEDS[@]}"
  fuzz module tests/fuzz/fuzz_module.c '*.wasm' "$spec/core-2.0" build/fuzz/wasm3-seeds \
    build/fuzz/ttf-seeds build/fuzz/ttf-gc-seeds
fi
if [ "$target" = text ] || [ "$target" = all ]; then
  fuzz text tests/text/fuzz_text.c '*.wast' "$spec/core-2.0-wast" "$spec/core-3.0-wast" \
    tests/features
fi
if [ "$found" -ne 0 ]; then
  exit 1
fi
echo "fuzz: no findings in ${seconds}s per target"
