/* SPDX-License-Identifier: Apache-2.0 */
/*
 * gc_arrays: array churn, the native counterpart of bench/gc_arrays.wat
 * (Wasm GC arrays). n times: an i32 array of 16 to 1039 elements (length
 * from an LCG) is made filled with its number, the first elements of the
 * array made before it are copied in, one element and the length of the
 * one before it go into the checksum, and it replaces the oldest of 256
 * kept arrays (freed here; left to the collector in the wasm version).
 *
 * Size: n, in thousands.
 */
#include "bench.h"

#define RING 256

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 2000, 20);
  uint32_t n = sz.n * 1000u;
  uint32_t *ring[RING] = {0}, lens[RING] = {0};
  uint64_t x = 1, h = 0xcbf29ce484222325ull;
  uint32_t *prev = NULL, prev_len = 0;
  for (uint32_t i = 0; i < n; i++) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    uint32_t len = 16 + (uint32_t)(x >> 54);
    uint32_t *a = malloc(len * sizeof *a);
    if (!a) {
      fprintf(stderr, "gc_arrays: out of memory\n");
      return 2;
    }
    for (uint32_t k = 0; k < len; k++)
      a[k] = i;
    uint32_t copy = 0;
    if (prev) {
      copy = prev_len < len ? prev_len : len;
      copy /= 2;
      memmove(a, prev, copy * sizeof *a);
    }
    h = mix64(h, (uint64_t)a[len / 4] + prev_len + copy);
    uint32_t slot = i % RING;
    free(ring[slot]);
    ring[slot] = a;
    lens[slot] = len;
    prev = a;
    prev_len = len;
  }
  for (uint32_t k = 0; k < RING; k++) {
    if (ring[k])
      h = mix64(h, ring[k][lens[k] - 1]);
    free(ring[k]);
  }
  return bench_check_u64("gc_arrays", sz, h, 0xc9fd3a5989ee0159ull, 0x1c03879a34a09f44ull);
}
