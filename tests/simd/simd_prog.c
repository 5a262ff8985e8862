// SPDX-License-Identifier: Apache-2.0
// A program using SIMD: loops that clang vectorises at -O3 -msimd128, and
// wasm_simd128.h intrinsics (under __wasm_simd128__; natively the same
// computations in plain C). run_simd_prog.sh builds it for wasm32-wasi and
// natively with gcc and compares the outputs: ward must print what the
// native build prints.
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define N 1000

static uint32_t g_seed = 12345;
static uint32_t rnd(void) {
  g_seed = g_seed * 1103515245u + 12345u;
  return g_seed >> 8;
}

// FNV-1a over bytes.
static uint32_t hash(const void *p, size_t n) {
  const uint8_t *b = p;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N], sb[N];
static uint8_t ua[N], ub[N], uc[N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static int64_t la[N], lb[N];

static void fill(void) {
  for (int i = 0; i < N; i++) {
    ia[i] = (int32_t)rnd() - (1 << 23);
    ib[i] = (int32_t)(rnd() % 2001) - 1000;
    sa[i] = (int16_t)(rnd() & 0xffff);
    sb[i] = (int16_t)((int)(rnd() % 512) - 256);
    ua[i] = (uint8_t)rnd();
    ub[i] = (uint8_t)rnd();
    fa[i] = (float)((int)(rnd() % 20001) - 10000) / 64.0f;
    fb[i] = (float)(rnd() % 1000) / 7.0f + 0.5f;
    da[i] = (double)(int32_t)rnd() / 3.0;
    db[i] = (double)(rnd() % 1000) * 0.125;
    la[i] = (int64_t)rnd() << 20 | rnd();
    lb[i] = (int64_t)(rnd() % 100000) - 50000;
  }
}

// Loops the vectoriser takes.
__attribute__((noinline)) static void loops(void) {
  for (int i = 0; i < N; i++)
    ic[i] = ia[i] * ib[i] + (ia[i] >> 3) - (ib[i] << 2);
  printf("i32 mul-add: %08x\n", hash(ic, sizeof ic));
  int32_t s = 0;
  for (int i = 0; i < N; i++)
    s += ia[i] ^ ib[i];
  printf("i32 xor-sum: %d\n", s);
  int32_t mx = INT32_MIN, mn = INT32_MAX;
  for (int i = 0; i < N; i++) {
    mx = ia[i] > mx ? ia[i] : mx;
    mn = ib[i] < mn ? ib[i] : mn;
  }
  printf("i32 max/min: %d %d\n", mx, mn);
  for (int i = 0; i < N; i++) {
    int t = ua[i] + ub[i];
    uc[i] = (uint8_t)(t > 255 ? 255 : t);
  }
  printf("u8 add_sat: %08x\n", hash(uc, sizeof uc));
  for (int i = 0; i < N; i++)
    uc[i] = (uint8_t)((ua[i] + ub[i] + 1) >> 1);
  printf("u8 avgr: %08x\n", hash(uc, sizeof uc));
  for (int i = 0; i < N; i++)
    uc[i] = ua[i] < ub[i] ? ua[i] : ub[i];
  printf("u8 min: %08x\n", hash(uc, sizeof uc));
  int32_t dot = 0;
  for (int i = 0; i < N; i++)
    dot += sa[i] * sb[i];
  printf("i16 dot: %d\n", dot);
  for (int i = 0; i < N; i++)
    sa[i] = (int16_t)(sa[i] * 3 - sb[i]);
  printf("i16 mul-sub: %08x\n", hash(sa, sizeof sa));
  for (int i = 0; i < N; i++)
    fc[i] = fa[i] * fb[i] + fa[i];
  printf("f32 mul-add: %08x\n", hash(fc, sizeof fc));
  for (int i = 0; i < N; i++)
    fc[i] = fa[i] / fb[i] - sqrtf(fb[i]);
  printf("f32 div-sqrt: %08x\n", hash(fc, sizeof fc));
  for (int i = 0; i < N; i++)
    fc[i] = fabsf(fa[i]) < fb[i] ? fa[i] : -fb[i];
  printf("f32 abs-select: %08x\n", hash(fc, sizeof fc));
  for (int i = 0; i < N; i++)
    ic[i] = (int32_t)fa[i];
  printf("f32 to i32: %08x\n", hash(ic, sizeof ic));
  for (int i = 0; i < N; i++)
    fc[i] = (float)ib[i] * 0.5f;
  printf("i32 to f32: %08x\n", hash(fc, sizeof fc));
  for (int i = 0; i < N; i++)
    da[i] = da[i] * db[i] - db[i];
  printf("f64 mul-sub: %08x\n", hash(da, sizeof da));
  for (int i = 0; i < N; i++)
    la[i] = la[i] + lb[i] * 7;
  printf("i64 mul-add: %08x\n", hash(la, sizeof la));
  for (int i = 0; i < N; i++)
    ic[i] = (int32_t)ua[i] - (int32_t)ub[i];
  printf("u8 to i32 sub: %08x\n", hash(ic, sizeof ic));
  for (int i = 0; i < N / 2; i++) { // byte reversal of halves
    uint8_t t = ua[i];
    ua[i] = ua[N - 1 - i];
    ua[N - 1 - i] = t;
  }
  printf("u8 reverse: %08x\n", hash(ua, sizeof ua));
}

// Intrinsics, lane by lane in plain C where there is no SIMD.
typedef struct {
  uint8_t b[16];
} v16;

static v16 v_load(const void *p) {
  v16 v;
  memcpy(v.b, p, 16);
  return v;
}

#ifdef __wasm_simd128__
static v16 of(v128_t x) {
  v16 v;
  wasm_v128_store(v.b, x);
  return v;
}
static v128_t to(v16 v) { return wasm_v128_load(v.b); }
#endif

#ifndef __wasm_simd128__
static int16_t s16(const v16 *v, int i) {
  int16_t x;
  memcpy(&x, v->b + 2 * i, 2);
  return x;
}
static void put16(v16 *v, int i, int16_t x) { memcpy(v->b + 2 * i, &x, 2); }
static void put32(v16 *v, int i, int32_t x) { memcpy(v->b + 4 * i, &x, 4); }
static float f32l(const v16 *v, int i) {
  float x;
  memcpy(&x, v->b + 4 * i, 4);
  return x;
}
static void putf(v16 *v, int i, float x) { memcpy(v->b + 4 * i, &x, 4); }
#endif

static void show(const char *name, v16 v) {
  printf("%s:", name);
  for (int i = 0; i < 16; i++)
    printf(" %02x", v.b[i]);
  printf("\n");
}

__attribute__((noinline)) static void intrinsics(void) {
  uint8_t buf[64];
  for (int i = 0; i < 64; i++)
    buf[i] = (uint8_t)(rnd() >> 3);
  v16 a = v_load(buf), b = v_load(buf + 16), r;
  float fl[8] = {1.5f, -0.0f, 0.0f, NAN, -3.75f, 1e30f, -1e-30f, 2.5f};
  v16 fx = v_load(fl), fy = v_load(fl + 4);
  int sw;

  // shuffle: interleave the low halves
#ifdef __wasm_simd128__
  r = of(wasm_i8x16_shuffle(to(a), to(b), 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
#else
  for (int i = 0; i < 8; i++)
    r.b[2 * i] = a.b[i], r.b[2 * i + 1] = b.b[i];
#endif
  show("shuffle", r);
  // swizzle with indices >= 16 giving 0
#ifdef __wasm_simd128__
  r = of(wasm_i8x16_swizzle(to(a), wasm_u8x16_shr(to(b), 3)));
#else
  for (int i = 0; i < 16; i++)
    r.b[i] = (b.b[i] >> 3) < 16 ? a.b[b.b[i] >> 3] : 0;
#endif
  show("swizzle", r);
  // q15mulr_sat
#ifdef __wasm_simd128__
  r = of(wasm_i16x8_q15mulr_sat(to(a), to(b)));
#else
  for (int i = 0; i < 8; i++) {
    int32_t p = ((int32_t)s16(&a, i) * s16(&b, i) + 0x4000) >> 15;
    put16(&r, i, (int16_t)(p > 32767 ? 32767 : p));
  }
#endif
  show("q15mulr", r);
  // dot i16x8 -> i32x4
#ifdef __wasm_simd128__
  r = of(wasm_i32x4_dot_i16x8(to(a), to(b)));
#else
  for (int i = 0; i < 4; i++)
    put32(&r, i,
          (int32_t)((uint32_t)(s16(&a, 2 * i) * s16(&b, 2 * i)) +
                    (uint32_t)(s16(&a, 2 * i + 1) * s16(&b, 2 * i + 1))));
#endif
  show("dot", r);
  // bitmask, any_true, all_true
#ifdef __wasm_simd128__
  sw = (int)wasm_i8x16_bitmask(to(a)) + 65536 * wasm_v128_any_true(to(b)) +
       131072 * wasm_i8x16_all_true(to(b));
#else
  sw = 0;
  int any = 0, all = 1;
  for (int i = 0; i < 16; i++) {
    sw |= (a.b[i] >> 7) << i;
    any |= b.b[i] != 0;
    all &= b.b[i] != 0;
  }
  sw += 65536 * any + 131072 * all;
#endif
  printf("bitmask: %d\n", sw);
  // narrow i16 -> i8 signed saturating, and extend back
#ifdef __wasm_simd128__
  r = of(wasm_i16x8_extend_low_i8x16(wasm_i8x16_narrow_i16x8(to(a), to(b))));
#else
  for (int i = 0; i < 8; i++) {
    int x = s16(&a, i);
    put16(&r, i, (int16_t)(x < -128 ? -128 : x > 127 ? 127 : x));
  }
#endif
  show("narrow-extend", r);
  // popcnt
#ifdef __wasm_simd128__
  r = of(wasm_i8x16_popcnt(to(a)));
#else
  for (int i = 0; i < 16; i++)
    r.b[i] = (uint8_t)__builtin_popcount(a.b[i]);
#endif
  show("popcnt", r);
  // f32 min, max, pmin (NaN and signed zeros)
#ifdef __wasm_simd128__
  r = of(wasm_f32x4_pmin(to(fx), to(fy)));
#else
  for (int i = 0; i < 4; i++)
    putf(&r, i, f32l(&fy, i) < f32l(&fx, i) ? f32l(&fy, i) : f32l(&fx, i));
#endif
  show("f32 pmin", r);
#ifdef __wasm_simd128__
  r = of(wasm_f32x4_max(to(fx), wasm_f32x4_splat(0.0f)));
#else
  for (int i = 0; i < 4; i++) {
    float x = f32l(&fx, i);
    putf(&r, i, isnan(x) ? NAN : (x > 0.0f || (x == 0.0f && !signbit(x))) ? x : 0.0f);
  }
#endif
  show("f32 max0", r);
  // trunc_sat f32 -> i32 (NaN 0, saturating)
#ifdef __wasm_simd128__
  r = of(wasm_i32x4_trunc_sat_f32x4(to(fy)));
#else
  for (int i = 0; i < 4; i++) {
    float x = f32l(&fy, i);
    put32(&r, i,
          isnan(x)             ? 0
          : x >= 2147483648.0f ? INT32_MAX
          : x < -2147483648.0f ? INT32_MIN
                               : (int32_t)x);
  }
#endif
  show("trunc_sat", r);
  // load lane, load32_zero, load8_splat, store lane
#ifdef __wasm_simd128__
  r = of(wasm_v128_load32_lane(buf + 40, wasm_v128_load32_zero(buf + 33), 2));
  wasm_v128_store16_lane(buf + 7, wasm_i8x16_splat((int8_t)buf[50]), 3);
#else
  memset(r.b, 0, 16);
  memcpy(r.b, buf + 33, 4);
  memcpy(r.b + 8, buf + 40, 4);
  buf[7] = buf[8] = buf[50];
#endif
  show("load lanes", r);
  show("store lane", v_load(buf));
  // i64x2 multiply and shifts
#ifdef __wasm_simd128__
  r = of(wasm_i64x2_shr(wasm_i64x2_mul(to(a), to(b)), 13));
#else
  for (int i = 0; i < 2; i++) {
    uint64_t x, y;
    memcpy(&x, a.b + 8 * i, 8);
    memcpy(&y, b.b + 8 * i, 8);
    uint64_t p = x * y;
    int64_t q = (int64_t)p >> 13;
    memcpy(r.b + 8 * i, &q, 8);
  }
#endif
  show("i64 mul-shr", r);
}

int main(void) {
  fill();
  loops();
  intrinsics();
  return 0;
}
