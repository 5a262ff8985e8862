/* SPDX-License-Identifier: Apache-2.0 */
/*
 * nbody: gravitational N-body simulation of 12 bodies with random masses,
 * positions and velocities (a symplectic Euler integrator, pairwise forces,
 * total momentum removed at the start). The checksum is the total energy at
 * the end; only sqrt is used from libm, so native and wasm agree.
 *
 * Size: the number of time steps.
 */
#include "bench.h"

#define NB 12

typedef struct {
  double x, y, z, vx, vy, vz, m;
} body;

static double urand(rng_t *r) { return (double)(rng_next(r) >> 11) / 9007199254740992.0; }

static void advance(body *b, double dt) {
  for (int i = 0; i < NB; i++) {
    for (int j = i + 1; j < NB; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      double d2 = dx * dx + dy * dy + dz * dz + 1e-2; /* softened */
      double d = sqrt(d2);
      double mag = dt / (d2 * d);
      b[i].vx -= dx * b[j].m * mag;
      b[i].vy -= dy * b[j].m * mag;
      b[i].vz -= dz * b[j].m * mag;
      b[j].vx += dx * b[i].m * mag;
      b[j].vy += dy * b[i].m * mag;
      b[j].vz += dz * b[i].m * mag;
    }
  }
  for (int i = 0; i < NB; i++) {
    b[i].x += dt * b[i].vx;
    b[i].y += dt * b[i].vy;
    b[i].z += dt * b[i].vz;
  }
}

static double energy(const body *b) {
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (int j = i + 1; j < NB; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz + 1e-2);
    }
  }
  return e;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 1200000, 10000);
  body b[NB];
  rng_t r = rng_new(31337);
  b[0] = (body){0, 0, 0, 0, 0, 0, 40.0}; /* a heavy central body */
  for (int i = 1; i < NB; i++) {
    double rad = 1.0 + 9.0 * urand(&r);
    b[i].x = rad * (urand(&r) - 0.5);
    b[i].y = rad * (urand(&r) - 0.5);
    b[i].z = 0.1 * rad * (urand(&r) - 0.5);
    b[i].vx = 2.0 * (urand(&r) - 0.5);
    b[i].vy = 2.0 * (urand(&r) - 0.5);
    b[i].vz = 0.2 * (urand(&r) - 0.5);
    b[i].m = 0.01 + 0.5 * urand(&r);
  }
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < NB; i++) {
    px += b[i].vx * b[i].m;
    py += b[i].vy * b[i].m;
    pz += b[i].vz * b[i].m;
  }
  b[0].vx -= px / b[0].m;
  b[0].vy -= py / b[0].m;
  b[0].vz -= pz / b[0].m;
  double e0 = energy(b);
  for (uint32_t s = 0; s < sz.n; s++)
    advance(b, 0.0002);
  double e1 = energy(b);
  printf("nbody: energy %.12f -> %.12f\n", e0, e1);
  return bench_check_f64("nbody", sz, e1, -92.842936029942678, -93.063143125620954);
}
