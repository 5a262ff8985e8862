#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fuzzes ward_module_new (decode, validate, compile) with libFuzzer, under
# AddressSanitizer and UBSan, starting from the core-2.0 spec modules.
# Usage: scripts/fuzz.sh [SECONDS] [JOBS]   (default 300 seconds, 2 jobs)
# Crashes are written to build/fuzz/ as crash-* files, which reproduce with
#   build/fuzz/fuzz_module build/fuzz/crash-...
# This is not part of scripts/test.sh: it is a longer run of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
jobs=${2:-2}
spec=${WARD_SPEC_DIR:-../shared/spec}/core-2.0
out=build/fuzz
scripts/install-deps.sh
mkdir -p "$out/corpus"
flags=(-std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer -ffp-contract=off -Iinclude -Isrc)
mapfile -t sources < <(ls src/*/*.c src/platform/posix/*.c)
clang "${flags[@]}" tests/fuzz/fuzz_module.c "${sources[@]}" -lm -o "$out/fuzz_module"
if [ -d "$spec" ]; then
  find "$spec" -name '*.wasm' ! -name 'simd_*' -exec cp -n {} "$out/corpus/" \;
fi
cd "$out"
./fuzz_module -max_total_time="$seconds" -jobs="$jobs" -workers="$jobs" \
  -max_len=65536 -print_final_stats=1 corpus 2>&1 | tail -n 20
if ls crash-* leak-* timeout-* >/dev/null 2>&1; then
  echo "fuzz: findings in $out"
  exit 1
fi
echo "fuzz: no findings in ${seconds}s"
