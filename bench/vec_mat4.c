/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vec_mat4: 4 x 4 single-precision matrix work as in a scene graph or a
 * skinning pass, with explicit vector code (wasm_simd128.h when built with
 * -msimd128, SSE natively, scalar otherwise): 2 048 joints each compose a
 * local matrix with a pose matrix (a 4 x 4 product), the products are
 * transposed and chained in pairs, and 8 192 points are transformed by
 * their joint's matrix and summed.
 *
 * A row of a product is b0 * a[i][0] + b1 * a[i][1] + b2 * a[i][2] +
 * b3 * a[i][3] (rows of B, added left to right), the same additions in
 * the vector and the scalar code, so every build computes the same bits
 * (build with -ffp-contract=off).
 *
 * Size: the number of rounds.
 */
#include "bench.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define VEC 1
typedef v128_t vf;
static inline vf v_load(const float *p) { return wasm_v128_load(p); }
static inline void v_store(float *p, vf a) { wasm_v128_store(p, a); }
static inline vf v_splat(float f) { return wasm_f32x4_splat(f); }
static inline vf v_add(vf a, vf b) { return wasm_f32x4_add(a, b); }
static inline vf v_mul(vf a, vf b) { return wasm_f32x4_mul(a, b); }
#define V_LANE(a, i) wasm_i32x4_shuffle(a, a, i, i, i, i)
/* the 4 x 4 transpose of rows r0..r3 */
#define V_TRANSPOSE(r0, r1, r2, r3)                                                                \
  do {                                                                                             \
    vf t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5);   \
    vf t2 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);   \
    r0 = wasm_i64x2_shuffle(t0, t1, 0, 2);                                                         \
    r1 = wasm_i64x2_shuffle(t0, t1, 1, 3);                                                         \
    r2 = wasm_i64x2_shuffle(t2, t3, 0, 2);                                                         \
    r3 = wasm_i64x2_shuffle(t2, t3, 1, 3);                                                         \
  } while (0)
#elif defined(__SSE__) && defined(__x86_64__)
#include <xmmintrin.h>
#define VEC 1
typedef __m128 vf;
static inline vf v_load(const float *p) { return _mm_loadu_ps(p); }
static inline void v_store(float *p, vf a) { _mm_storeu_ps(p, a); }
static inline vf v_splat(float f) { return _mm_set1_ps(f); }
static inline vf v_add(vf a, vf b) { return _mm_add_ps(a, b); }
static inline vf v_mul(vf a, vf b) { return _mm_mul_ps(a, b); }
#define V_LANE(a, i) _mm_shuffle_ps(a, a, _MM_SHUFFLE(i, i, i, i))
#define V_TRANSPOSE(r0, r1, r2, r3) _MM_TRANSPOSE4_PS(r0, r1, r2, r3)
#else
#define VEC 0
#endif

#define JOINTS 2048u
#define POINTS 8192u

typedef struct {
  float m[16]; /* row-major */
} mat4;

static mat4 local_m[JOINTS], pose[JOINTS], world[JOINTS], chained[JOINTS];
static float points[POINTS][4];
static uint16_t joint_of[POINTS];

/* c = a * b */
static void mat4_mul(mat4 *restrict c, const mat4 *restrict a, const mat4 *restrict b) {
#if VEC
  vf b0 = v_load(b->m), b1 = v_load(b->m + 4), b2 = v_load(b->m + 8), b3 = v_load(b->m + 12);
  for (int i = 0; i < 4; i++) {
    vf ai = v_load(a->m + 4 * i);
    vf r = v_add(
        v_add(v_add(v_mul(b0, V_LANE(ai, 0)), v_mul(b1, V_LANE(ai, 1))), v_mul(b2, V_LANE(ai, 2))),
        v_mul(b3, V_LANE(ai, 3)));
    v_store(c->m + 4 * i, r);
  }
#else
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      c->m[4 * i + j] = ((b->m[j] * a->m[4 * i] + b->m[4 + j] * a->m[4 * i + 1]) +
                         b->m[8 + j] * a->m[4 * i + 2]) +
                        b->m[12 + j] * a->m[4 * i + 3];
#endif
}

static void mat4_transpose(mat4 *restrict t, const mat4 *restrict a) {
#if VEC
  vf r0 = v_load(a->m), r1 = v_load(a->m + 4), r2 = v_load(a->m + 8), r3 = v_load(a->m + 12);
  V_TRANSPOSE(r0, r1, r2, r3);
  v_store(t->m, r0);
  v_store(t->m + 4, r1);
  v_store(t->m + 8, r2);
  v_store(t->m + 12, r3);
#else
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      t->m[4 * i + j] = a->m[4 * j + i];
#endif
}

/* acc += p * M (p as a row vector: p0 * row0 + p1 * row1 + p2 * row2 + p3 * row3) */
static void transform_acc(float acc[4], const float p[4], const mat4 *m) {
#if VEC
  vf r =
      v_add(v_add(v_add(v_mul(v_load(m->m), v_splat(p[0])), v_mul(v_load(m->m + 4), v_splat(p[1]))),
                  v_mul(v_load(m->m + 8), v_splat(p[2]))),
            v_mul(v_load(m->m + 12), v_splat(p[3])));
  v_store(acc, v_add(v_load(acc), r));
#else
  for (int j = 0; j < 4; j++)
    acc[j] += ((m->m[j] * p[0] + m->m[4 + j] * p[1]) + m->m[8 + j] * p[2]) + m->m[12 + j] * p[3];
#endif
}

/* A matrix near the identity: a scaled rotation-ish block and a translation. */
static void random_mat(mat4 *a, rng_t *r) {
  for (int i = 0; i < 16; i++)
    a->m[i] = ((int32_t)rng_below(r, 257) - 128) / 1024.0f;
  for (int i = 0; i < 3; i++)
    a->m[5 * i] += 0.75f;
  a->m[3] = a->m[7] = a->m[11] = 0.0f;
  a->m[15] = 1.0f;
}

static uint64_t fbits(float f) {
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 3000, 20);
  rng_t r = rng_new(4242);
  for (uint32_t j = 0; j < JOINTS; j++) {
    random_mat(&local_m[j], &r);
    random_mat(&pose[j], &r);
  }
  for (uint32_t i = 0; i < POINTS; i++) {
    for (int k = 0; k < 3; k++)
      points[i][k] = ((int32_t)rng_below(&r, 2001) - 1000) / 256.0f;
    points[i][3] = 1.0f;
    joint_of[i] = (uint16_t)rng_below(&r, JOINTS);
  }
  uint64_t h = 0xcbf29ce484222325ull;
  float acc[4];
  for (uint32_t round = 0; round < sz.n; round++) {
    uint32_t shift = round % JOINTS;
    for (uint32_t j = 0; j < JOINTS; j++)
      mat4_mul(&world[j], &local_m[j], &pose[(j + shift) % JOINTS]);
    for (uint32_t j = 0; j + 1 < JOINTS; j += 2) {
      mat4 t;
      mat4_transpose(&t, &world[j + 1]);
      mat4_mul(&chained[j], &world[j], &t);
      mat4_mul(&chained[j + 1], &t, &world[j]);
    }
    acc[0] = acc[1] = acc[2] = acc[3] = 0.0f;
    for (uint32_t i = 0; i < POINTS; i++)
      transform_acc(acc, points[i], &chained[joint_of[i]]);
    h = mix64(h, fbits(acc[0]) << 32 | fbits(acc[1]));
    h = mix64(h, fbits(acc[2]) << 32 | fbits(acc[3]));
    /* feed a little of the result back, so rounds differ */
    pose[round % JOINTS].m[12] = acc[0] / 65536.0f;
  }
  for (uint32_t j = 0; j < JOINTS; j += 61)
    for (int k = 0; k < 16; k++)
      h = mix64(h, fbits(chained[j].m[k]));
  return bench_check_u64("vec_mat4", sz, h, 0x75a6d2a976c46979ull, 0xabd19eaaa196d55dull);
}
