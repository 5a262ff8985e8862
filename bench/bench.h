/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Shared helpers for the benchmark programs in bench/: a deterministic
 * xorshift PRNG, the size argument, and the result check.
 *
 * Every program takes one optional argument:
 *   (none) or "full"  the size used for the runtime comparison
 *   "quick"           a small size for smoke tests
 *   N (a number)      a custom size; the checksum is printed, not checked
 * and prints one line "NAME: checksum ... OK" (exit 0) or "... MISMATCH,
 * expected ..." (exit 1). The programs do no I/O besides that line, so a
 * runtime needs no preopened directory to run them.
 *
 * The code only uses fixed-width integer types for anything that reaches a
 * checksum, so that a native x86-64 build and a wasm32 build (where `long`
 * and pointers are 32 bits) compute the same values.
 */
#ifndef WARD_BENCH_H
#define WARD_BENCH_H

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PRNG: xorshift64 (Marsaglia), never seeded with 0 ---- */

typedef struct {
  uint64_t s;
} rng_t;

static inline rng_t rng_new(uint64_t seed) {
  rng_t r = {seed ? seed : 0x9e3779b97f4a7c15ull};
  return r;
}

static inline uint64_t rng_next(rng_t *r) {
  uint64_t x = r->s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  r->s = x;
  return x;
}

static inline uint32_t rng_u32(rng_t *r) { return (uint32_t)(rng_next(r) >> 32); }

/* Uniform in [0, n) for small n (n < 2^32); the bias is irrelevant here. */
static inline uint32_t rng_below(rng_t *r, uint32_t n) {
  return (uint32_t)(((uint64_t)rng_u32(r) * n) >> 32);
}

/* ---- size selection ---- */

enum bench_mode { BENCH_FULL, BENCH_QUICK, BENCH_CUSTOM };

typedef struct {
  enum bench_mode mode;
  uint32_t n;
} bench_size_t;

/* Reads argv[1]: "full" (default), "quick" or a positive number. */
static inline bench_size_t bench_size(int argc, char **argv, uint32_t full, uint32_t quick) {
  bench_size_t sz = {BENCH_FULL, full};
  if (argc < 2 || strcmp(argv[1], "full") == 0)
    return sz;
  if (strcmp(argv[1], "quick") == 0) {
    sz.mode = BENCH_QUICK;
    sz.n = quick;
    return sz;
  }
  char *end;
  unsigned long long v = strtoull(argv[1], &end, 10);
  if (*end != '\0' || v == 0 || v > 0xffffffffull) {
    fprintf(stderr, "usage: %s [full|quick|N]\n", argv[0]);
    exit(2);
  }
  sz.mode = BENCH_CUSTOM;
  sz.n = (uint32_t)v;
  return sz;
}

/* ---- result check ---- */

/* Prints the checksum and returns the exit status: 0 if it matches the
 * expected value for the mode (or the size was custom), 1 otherwise. */
static inline int bench_check_u64(const char *name, bench_size_t sz, uint64_t got,
                                  uint64_t want_full, uint64_t want_quick) {
  if (sz.mode == BENCH_CUSTOM) {
    printf("%s: n=%" PRIu32 " checksum 0x%016" PRIx64 " (unchecked)\n", name, sz.n, got);
    return 0;
  }
  uint64_t want = sz.mode == BENCH_FULL ? want_full : want_quick;
  if (got == want) {
    printf("%s: n=%" PRIu32 " checksum 0x%016" PRIx64 " OK\n", name, sz.n, got);
    return 0;
  }
  printf("%s: n=%" PRIu32 " checksum 0x%016" PRIx64 " MISMATCH, expected 0x%016" PRIx64 "\n", name,
         sz.n, got, want);
  return 1;
}

/* As bench_check_u64 for a floating-point result, within a relative
 * tolerance (the programs avoid libm functions other than sqrt, whose
 * result is exact, so native and wasm builds agree to the last bit; the
 * tolerance only absorbs a compiler that contracts a*b+c into an FMA). */
static inline int bench_check_f64(const char *name, bench_size_t sz, double got, double want_full,
                                  double want_quick) {
  if (sz.mode == BENCH_CUSTOM) {
    printf("%s: n=%" PRIu32 " checksum %.17g (unchecked)\n", name, sz.n, got);
    return 0;
  }
  double want = sz.mode == BENCH_FULL ? want_full : want_quick;
  double tol = 1e-9 * fabs(want);
  if (fabs(got - want) <= tol) {
    printf("%s: n=%" PRIu32 " checksum %.17g OK\n", name, sz.n, got);
    return 0;
  }
  printf("%s: n=%" PRIu32 " checksum %.17g MISMATCH, expected %.17g\n", name, sz.n, got, want);
  return 1;
}

/* Mixes a value into a running 64-bit hash (FNV-1a style over 64 bits). */
static inline uint64_t mix64(uint64_t h, uint64_t v) {
  h ^= v;
  h *= 0x100000001b3ull;
  h ^= h >> 29;
  return h;
}

#endif
