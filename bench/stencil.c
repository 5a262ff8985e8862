/* SPDX-License-Identifier: Apache-2.0 */
/*
 * stencil: explicit 2-D heat equation (Jacobi iteration, 5-point stencil)
 * on a 384 x 384 grid of doubles with a hot top edge, a cold bottom edge
 * and a few random hot spots, swapping two grids each step.
 *
 * Size: the number of time steps.
 */
#include "bench.h"

#define W 384
#define H 384

static void step(double *restrict dst, const double *restrict src) {
  const double k = 0.2;
  for (uint32_t y = 1; y < H - 1; y++) {
    const double *up = src + (y - 1) * W;
    const double *row = src + y * W;
    const double *down = src + (y + 1) * W;
    double *out = dst + y * W;
    for (uint32_t x = 1; x < W - 1; x++)
      out[x] = row[x] + k * (up[x] + down[x] + row[x - 1] + row[x + 1] - 4.0 * row[x]);
  }
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 10000, 60);
  double *a = calloc(W * H, sizeof(double));
  double *b = calloc(W * H, sizeof(double));
  if (!a || !b) {
    fprintf(stderr, "stencil: out of memory\n");
    return 2;
  }
  for (uint32_t x = 0; x < W; x++)
    a[x] = b[x] = 100.0; /* hot top edge; the other edges stay at 0 */
  rng_t r = rng_new(7);
  for (int i = 0; i < 64; i++) {
    uint32_t x = 1 + rng_below(&r, W - 2), y = 1 + rng_below(&r, H - 2);
    a[y * W + x] = 50.0 + rng_below(&r, 200);
  }
  for (uint32_t t = 0; t < sz.n; t++) {
    step(b, a);
    double *tmp = a;
    a = b;
    b = tmp;
  }
  double sum = 0.0, weighted = 0.0;
  for (uint32_t i = 0; i < W * H; i++) {
    sum += a[i];
    weighted += a[i] * (double)(i % 97);
  }
  free(a);
  free(b);
  return bench_check_f64("stencil", sz, sum + weighted * 1e-3, 1783407.9746943547,
                         185581.38702408012);
}
