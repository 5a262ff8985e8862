/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vec_dot: single-precision vector kernels written as plain loops for the
 * compiler's autovectoriser: saxpy-like updates (y = a*x + b*y), a dot
 * product over eight partial sums, a clamp, and a scaled difference,
 * over 8 192-element float arrays, repeated.
 *
 * Every loop is element-wise, and the dot product keeps eight running sums
 * (lane j sums the elements i with i % 8 == j) which are added in a fixed
 * order at the end, so a vectorised build computes exactly the additions
 * of the scalar one, in the same order: the checksum (over the bits of the
 * floats) is identical with and without SIMD. Build with -ffp-contract=off
 * so that no compiler fuses a*b+c.
 *
 * Size: the number of rounds.
 */
#include "bench.h"

#define N 8192u /* floats per array, a multiple of 8 */
#define LANES 8u

static float xs[N], ys[N], zs[N];

static void fill(float *v, rng_t *r) {
  for (uint32_t i = 0; i < N; i++)
    v[i] = (float)((int32_t)rng_below(r, 2001) - 1000) / 1024.0f;
}

/* y = a*x + b*y */
static void axpby(float *restrict y, const float *restrict x, float a, float b) {
  for (uint32_t i = 0; i < N; i++)
    y[i] = a * x[i] + b * y[i];
}

/* The dot product with LANES running sums, added pairwise at the end. */
static float dot(const float *restrict x, const float *restrict y) {
  float acc[LANES] = {0};
  for (uint32_t i = 0; i < N; i += LANES)
    for (uint32_t j = 0; j < LANES; j++)
      acc[j] += x[i + j] * y[i + j];
  float s0 = (acc[0] + acc[4]) + (acc[1] + acc[5]);
  float s1 = (acc[2] + acc[6]) + (acc[3] + acc[7]);
  return s0 + s1;
}

/* v = min(max(v, lo), hi) */
static void clamp(float *v, float lo, float hi) {
  for (uint32_t i = 0; i < N; i++) {
    float t = v[i] < lo ? lo : v[i];
    v[i] = t > hi ? hi : t;
  }
}

/* z = (x - y) * k, and the sum of |z| over eight running sums */
static float scaled_diff(float *restrict z, const float *restrict x, const float *restrict y,
                         float k) {
  float acc[LANES] = {0};
  for (uint32_t i = 0; i < N; i += LANES)
    for (uint32_t j = 0; j < LANES; j++) {
      float d = (x[i + j] - y[i + j]) * k;
      z[i + j] = d;
      acc[j] += d < 0.0f ? -d : d;
    }
  float s0 = (acc[0] + acc[4]) + (acc[1] + acc[5]);
  float s1 = (acc[2] + acc[6]) + (acc[3] + acc[7]);
  return s0 + s1;
}

static uint64_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 6000, 60);
  rng_t r = rng_new(2024);
  fill(xs, &r);
  fill(ys, &r);
  fill(zs, &r);
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t round = 0; round < sz.n; round++) {
    float a = (float)(int32_t)(round % 7 + 1) / 16.0f;
    axpby(ys, xs, a, 0.75f);
    float d1 = dot(xs, ys);
    clamp(ys, -0.875f, 0.875f);
    float d2 = scaled_diff(zs, ys, xs, 0.5f);
    axpby(xs, zs, -0.25f, 1.0f);
    clamp(xs, -1.0f, 1.0f);
    float d3 = dot(zs, zs);
    h = mix64(h, fbits(d1) << 32 | fbits(d2));
    h = mix64(h, fbits(d3));
  }
  for (uint32_t i = 0; i < N; i++)
    h = mix64(h, fbits(xs[i]) << 32 | fbits(ys[i]));
  return bench_check_u64("vec_dot", sz, h, 0xbc23cf8aa5ef8a27ull, 0x1d049bc4b9c35e2dull);
}
