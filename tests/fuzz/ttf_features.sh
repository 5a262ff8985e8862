# SPDX-License-Identifier: Apache-2.0
# Sourced by scripts/fuzz-diff.sh and scripts/fuzz.sh: the features of the
# modules they have `wasm-opt -ttf` write, which are what ward implements
# today: 2.0 (sign extension, mutable globals, non-trapping float-to-int,
# SIMD, bulk memory, reference types, multi-value), tail calls, exception
# handling (binaryen writes both the legacy try/catch and try_table with
# exnref) and extended constant expressions.
TTF_FEATURES=(
  --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-simd --enable-bulk-memory --enable-bulk-memory-opt --enable-reference-types
  --enable-multivalue --enable-call-indirect-overlong
  --enable-tail-call --enable-exception-handling --enable-extended-const
)
# To add as ward implements them: multiple and 64-bit memories, typed
# function references and GC (binaryen has no separate switch for typed
# function references: --enable-gc brings them). Relaxed SIMD, which ward
# has, waits for a way to compare it: binaryen runs relaxed_madd fused and
# its dot products without saturation, ward unfused and saturating, both
# allowed by the spec, and no rewriting of the output undoes that.
# shellcheck disable=SC2034
TTF_FEATURES_LATER=(--enable-multimemory --enable-memory64 --enable-gc --enable-relaxed-simd)
