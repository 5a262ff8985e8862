# SPDX-License-Identifier: Apache-2.0
# Sourced by scripts/fuzz-diff.sh and scripts/fuzz.sh: the features of the
# modules they have `wasm-opt -ttf` write. TTF_FEATURES, in both: 2.0 (sign
# extension, mutable globals, non-trapping float-to-int, SIMD, bulk memory, reference types, multi-value), tail calls, exception
# handling (binaryen writes both the legacy try/catch and try_table with
# exnref) and extended constant expressions.
TTF_FEATURES=(
  --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-simd --enable-bulk-memory --enable-bulk-memory-opt --enable-reference-types
  --enable-multivalue --enable-call-indirect-overlong
  --enable-tail-call --enable-exception-handling --enable-extended-const
)
# Relaxed SIMD, which ward has, in half of fuzz-diff.sh's rounds: binaryen
# computes relaxed_madd fused and its dot products with wrapping 16-bit
# sums, ward relaxed_madd unfused and the sums saturating (docs/simd.md),
# all allowed by the spec; a difference in a module that has one of those
# is kept apart, not counted as a mismatch.
# shellcheck disable=SC2034
TTF_FEATURES_RELAXED=(--enable-relaxed-simd)
# Multiple and 64-bit memories and GC (which brings typed function
# references: binaryen has no separate switch for them): in every module of
# scripts/fuzz-diff.sh, and in a second set of seeds of scripts/fuzz.sh
# (build/fuzz/ttf-gc-seeds/, with TTF_FEATURES).
# shellcheck disable=SC2034
TTF_FEATURES_SEEDS=(--enable-multimemory --enable-memory64 --enable-gc)
