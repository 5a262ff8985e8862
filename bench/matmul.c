/* SPDX-License-Identifier: Apache-2.0 */
/*
 * matmul: dense double-precision matrix multiply C = A * B (n x n,
 * row-major, i-k-j loop order), done twice with the roles of the inputs
 * swapped. The entries are multiples of 1/8 between -1 and 1, so every
 * product and partial sum is exact in a double and the result does not
 * depend on the order of the additions: the checksum is exact.
 *
 * Size: n.
 */
#include "bench.h"

static void fill(double *m, uint32_t n, rng_t *r) {
  for (uint32_t i = 0; i < n * n; i++)
    m[i] = ((int32_t)rng_below(r, 17) - 8) / 8.0;
}

static void matmul(double *restrict c, const double *restrict a, const double *restrict b,
                   uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    double *ci = c + (size_t)i * n;
    for (uint32_t j = 0; j < n; j++)
      ci[j] = 0.0;
    for (uint32_t k = 0; k < n; k++) {
      double aik = a[(size_t)i * n + k];
      const double *bk = b + (size_t)k * n;
      for (uint32_t j = 0; j < n; j++)
        ci[j] += aik * bk[j];
    }
  }
}

static uint64_t digest(const double *c, uint32_t n, uint64_t h) {
  for (uint32_t i = 0; i < n * n; i++)
    h = mix64(h, (uint64_t)(int64_t)(c[i] * 64.0));
  return h;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 1100, 64);
  uint32_t n = sz.n;
  double *a = malloc(sizeof(double) * n * n);
  double *b = malloc(sizeof(double) * n * n);
  double *c = malloc(sizeof(double) * n * n);
  if (!a || !b || !c) {
    fprintf(stderr, "matmul: out of memory\n");
    return 2;
  }
  rng_t r = rng_new(42);
  fill(a, n, &r);
  fill(b, n, &r);
  uint64_t h = 0xcbf29ce484222325ull;
  matmul(c, a, b, n);
  h = digest(c, n, h);
  matmul(c, b, a, n);
  h = digest(c, n, h);
  free(a);
  free(b);
  free(c);
  return bench_check_u64("matmul", sz, h, 0x71d1abfad86015d7ull, 0x64487fc1c36616dbull);
}
