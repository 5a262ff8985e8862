// SPDX-License-Identifier: Apache-2.0
// Unit test for src/interp/simd.h: the WebAssembly 2.0 SIMD and relaxed-SIMD
// operations.
// 1. Every operation is built three ways (the vector path the build targets,
//    here; the portable path, simd_portable.c; the SSE4.1 path,
//    simd_sse41.c, on x86-64) and the builds are compared on many random
//    and special inputs: NaNs with payloads, signalling NaNs, +-0, +-inf,
//    denormals, rounding ties, the conversion bounds, INT_MIN, lane
//    boundaries. They must agree bit for bit, except the sign and payload of
//    NaNs that arithmetic produces.
// 2. Every float result lane that is a NaN must be quiet, and canonical when
//    every NaN operand is canonical (the spec's nan:arithmetic and
//    nan:canonical).
// 3. Hand-written expected results for every instruction family, from the
//    spec's definitions and test suite, checked on every build.
// 4. Results that V8 (node 20) computed for every non-relaxed operation on a
//    set of inputs (simd_golden.inc, made by simd_golden.mjs), checked on
//    every build.
#define SIMD_TABLE_FN simd_table_native
#include "simd_ops.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define HAVE_CPU_SSE41() __builtin_cpu_supports("sse4.1")
#else
#define HAVE_CPU_SSE41() 0
#endif

static unsigned long g_passed, g_failed;

static void pass(void) { g_passed++; }

static void print_v(const char *label, wd_v128_t v) {
  printf("  %s:", label);
  for (unsigned i = 0; i < 16; i++)
    printf(" %02x", v.u8[i]);
  printf("\n");
}

// ---------------------------------------------------------------------------
// The builds under test.
// ---------------------------------------------------------------------------

static simd_table g_tables[3];
static unsigned g_ntables;

static const simd_op *find_op(const simd_table *t, const char *name) {
  for (unsigned i = 0; i < t->count; i++)
    if (strcmp(t->ops[i].name, name) == 0)
      return &t->ops[i];
  return NULL;
}

// ---------------------------------------------------------------------------
// NaN classes.
// ---------------------------------------------------------------------------

static bool is_nan32(uint32_t b) { return (b & 0x7f800000u) == 0x7f800000u && (b & 0x7fffffu); }
static bool is_nan64(uint64_t b) {
  return (b & 0x7ff0000000000000u) == 0x7ff0000000000000u && (b & 0xfffffffffffffu);
}
static bool canon32(uint32_t b) { return (b & 0x7fffffffu) == 0x7fc00000u; }
static bool canon64(uint64_t b) { return (b & 0x7fffffffffffffffu) == 0x7ff8000000000000u; }
static bool quiet32(uint32_t b) { return (b & 0x7fc00000u) == 0x7fc00000u; }
static bool quiet64(uint64_t b) { return (b & 0x7ff8000000000000u) == 0x7ff8000000000000u; }

// Equal bit for bit, or (for the NaN-producing operations) both NaN in each
// lane where they differ.
static bool same_result(int nan, wd_v128_t x, wd_v128_t y) {
  if (memcmp(&x, &y, 16) == 0)
    return true;
  if (nan == SIMD_NAN32) {
    for (unsigned i = 0; i < 4; i++)
      if (x.u32[i] != y.u32[i] && !(is_nan32(x.u32[i]) && is_nan32(y.u32[i])))
        return false;
    return true;
  }
  if (nan == SIMD_NAN64) {
    for (unsigned i = 0; i < 2; i++)
      if (x.u64[i] != y.u64[i] && !(is_nan64(x.u64[i]) && is_nan64(y.u64[i])))
        return false;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------

static uint64_t g_rng = 0x9e3779b97f4a7c15u;

static uint64_t rnd(void) { // splitmix64
  uint64_t z = (g_rng += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint32_t k_f32[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7fa00000,
    0xffa00001, 0x7fc12345, 0x7f800001, 0x00000001, 0x807fffff, 0x00800000, 0x3f800000,
    0xbf800000, 0x3f000000, 0xbf000000, 0x3fc00000, 0xbfc00000, 0x40200000, 0xc0200000,
    0x3f400000, 0xbf400000, 0x3effffff, 0xbeffffff, 0x4effffff, 0x4f000000, 0xcf000000,
    0xcf000001, 0x4f800000, 0x4f7fffff, 0x4b000000, 0x4affffff, 0xcaffffff, 0x4b7fffff,
    0x4b800000, 0x7f7fffff, 0xff7fffff, 0x5f000000, 0xdf000000, 0x40490fdb, 0xbf7fffff};
static const uint64_t k_f64[] = {
    0x0000000000000000, 0x8000000000000000, 0x7ff0000000000000, 0xfff0000000000000,
    0x7ff8000000000000, 0xfff8000000000000, 0x7ff4000000000000, 0x7ff0000000000001,
    0x7ff8000000012345, 0xfff0000000000001, 0x3ff0000000000000, 0xbff0000000000000,
    0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
    0xc004000000000000, 0x3fdfffffffffffff, 0x0000000000000001, 0x000fffffffffffff,
    0x8000000000000001, 0x41e0000000000000, 0xc1e0000000000000, 0x41dfffffffc00000,
    0x41dfffffffe00000, 0xc1e0000000200000, 0xc1e00000001fffff, 0x41f0000000000000,
    0x41efffffffe00000, 0x41effffffff00000, 0x4330000000000000, 0x432fffffffffffff,
    0x4340000000000000, 0x7fefffffffffffff, 0x47efffffe0000000, 0x47efffffefffffff,
    0x47effffff0000000, 0x36a0000000000000, 0x3690000000000000, 0x3690000000000001,
    0x380fffffe0000000, 0x3810000000000000, 0xbfefffffffffffff, 0x3ff0000010000000,
    0x3ff0000030000000};
static const uint64_t k_int[] = {0,    1,    2,      3,      0x7f,   0x80,
                                 0x81, 0xff, 0x7fff, 0x8000, 0x8001, 0xffff};

static uint64_t special_lane(unsigned w) {
  uint64_t mask = w == 64 ? UINT64_MAX : (UINT64_C(1) << w) - 1;
  unsigned k = rndn(8);
  if (k == 0 && w == 32)
    return k_f32[rndn(sizeof k_f32 / sizeof k_f32[0])];
  if (k == 0 && w == 64)
    return k_f64[rndn(sizeof k_f64 / sizeof k_f64[0])];
  switch (k) {
  case 1: return mask;                               // -1
  case 2: return (mask >> 1) + 1;                    // INT_MIN
  case 3: return mask >> 1;                          // INT_MAX
  case 4: return ((mask >> 1) + 1 + rndn(3)) & mask; // INT_MIN + small
  case 5: return (mask - rndn(3)) & mask;            // small negative
  case 6: return k_int[rndn(sizeof k_int / sizeof k_int[0])] & mask;
  default:
    if (w == 32)
      return k_f32[rndn(sizeof k_f32 / sizeof k_f32[0])];
    if (w == 64)
      return k_f64[rndn(sizeof k_f64 / sizeof k_f64[0])];
    return rndn(4) & mask;
  }
}

static void set_lane(wd_v128_t *v, unsigned w, unsigned i, uint64_t x) {
  switch (w) {
  case 8: v->u8[i] = (uint8_t)x; break;
  case 16: v->u16[i] = (uint16_t)x; break;
  case 32: v->u32[i] = (uint32_t)x; break;
  default: v->u64[i] = x; break;
  }
}

static wd_v128_t gen_vec(const wd_v128_t *other) {
  wd_v128_t v;
  v.u64[0] = rnd();
  v.u64[1] = rnd();
  unsigned mode = rndn(10);
  if (mode <= 2)
    return v; // random bits
  static const unsigned widths[] = {8, 16, 32, 64, 32, 64};
  unsigned w = widths[rndn(6)], n = 128 / w;
  if (mode == 9 && other) { // a near copy of the other operand
    v = *other;
    for (unsigned i = 0; i < n; i++)
      if (rndn(4) == 0)
        set_lane(&v, w, i, special_lane(w));
    if (w == 32 && rndn(2))
      for (unsigned i = 0; i < 4; i++)
        if (rndn(2))
          v.u32[i] ^= 0x80000000u; // +-0 pairs
    if (w == 64 && rndn(2))
      v.u64[rndn(2)] ^= 0x8000000000000000u;
    return v;
  }
  if (mode == 8) { // small bytes (swizzle indices, equal lanes)
    for (unsigned i = 0; i < 16; i++)
      v.u8[i] = (uint8_t)rndn(rndn(2) ? 4 : 36);
    return v;
  }
  for (unsigned i = 0; i < n; i++)
    if (rndn(4) != 0)
      set_lane(&v, w, i, special_lane(w));
  return v;
}

static uint64_t gen_scalar(void) {
  switch (rndn(6)) {
  case 0: return rnd();
  case 1: return rndn(140); // shift counts past every width
  case 2: return k_f32[rndn(sizeof k_f32 / sizeof k_f32[0])];
  case 3: return k_f64[rndn(sizeof k_f64 / sizeof k_f64[0])];
  case 4: return special_lane(64);
  default: return (uint64_t)rnd() >> rndn(64);
  }
}

static simd_in gen_in(void) {
  simd_in in;
  in.a = gen_vec(NULL);
  in.b = gen_vec(&in.a);
  in.c = gen_vec(rndn(2) ? &in.b : &in.a);
  in.x = gen_scalar();
  in.imm = rndn(4) ? rndn(16) : rndn(256);
  return in;
}

// ---------------------------------------------------------------------------
// 1. The builds agree.
// ---------------------------------------------------------------------------

enum { RANDOM_INPUTS = 20000 };

static void compare_builds(const simd_table *t, const simd_table *ref) {
  unsigned long before = g_failed;
  g_rng = 0x1234567887654321u;
  for (unsigned k = 0; k < t->count; k++) {
    const simd_op *op = &t->ops[k];
    const simd_op *rop = find_op(ref, op->name);
    if (!rop) {
      g_failed++;
      printf("FAIL %s: no %s in the %s build\n", t->path, op->name, ref->path);
      continue;
    }
    unsigned shown = 0;
    for (unsigned n = 0; n < RANDOM_INPUTS; n++) {
      simd_in in = gen_in();
      wd_v128_t x, y;
      op->fn(&x, &in);
      rop->fn(&y, &in);
      if (same_result(op->nan, x, y)) {
        pass();
        continue;
      }
      g_failed++;
      if (shown++ < 3) {
        printf("FAIL %s: %s differs from %s (x %016" PRIx64 ", imm %u)\n", op->name, t->path,
               ref->path, in.x, in.imm);
        print_v("a", in.a);
        print_v("b", in.b);
        print_v("c", in.c);
        print_v(t->path, x);
        print_v(ref->path, y);
      }
    }
  }
  printf("%s vs %s: %u operations x %u inputs, %lu failures\n", t->path, ref->path, t->count,
         (unsigned)RANDOM_INPUTS, g_failed - before);
}

// ---------------------------------------------------------------------------
// 2. NaN results are quiet, and canonical from canonical operands.
// ---------------------------------------------------------------------------

// The float operations that compute a result (not those that only move or
// flip bits: abs, neg, pmin, pmax, splat, lanes), with their operand and
// result lane widths.
static const struct {
  const char *name;
  unsigned in_w, out_w;
} k_float_ops[] = {
    {"f32x4_sqrt", 32, 32},
    {"f32x4_add", 32, 32},
    {"f32x4_sub", 32, 32},
    {"f32x4_mul", 32, 32},
    {"f32x4_div", 32, 32},
    {"f32x4_min", 32, 32},
    {"f32x4_max", 32, 32},
    {"f32x4_ceil", 32, 32},
    {"f32x4_floor", 32, 32},
    {"f32x4_trunc", 32, 32},
    {"f32x4_nearest", 32, 32},
    {"f32x4_relaxed_madd", 32, 32},
    {"f32x4_relaxed_nmadd", 32, 32},
    {"f32x4_relaxed_min", 32, 32},
    {"f32x4_relaxed_max", 32, 32},
    {"f64x2_sqrt", 64, 64},
    {"f64x2_add", 64, 64},
    {"f64x2_sub", 64, 64},
    {"f64x2_mul", 64, 64},
    {"f64x2_div", 64, 64},
    {"f64x2_min", 64, 64},
    {"f64x2_max", 64, 64},
    {"f64x2_ceil", 64, 64},
    {"f64x2_floor", 64, 64},
    {"f64x2_trunc", 64, 64},
    {"f64x2_nearest", 64, 64},
    {"f64x2_relaxed_madd", 64, 64},
    {"f64x2_relaxed_nmadd", 64, 64},
    {"f64x2_relaxed_min", 64, 64},
    {"f64x2_relaxed_max", 64, 64},
    {"f32x4_demote_f64x2_zero", 64, 32},
    {"f64x2_promote_low_f32x4", 32, 64},
};

static void canonicalize(wd_v128_t *v, unsigned w) {
  for (unsigned i = 0; i < 128 / w; i++) {
    if (w == 32 && is_nan32(v->u32[i]))
      v->u32[i] = (v->u32[i] & 0x80000000u) | 0x7fc00000u;
    if (w == 64 && is_nan64(v->u64[i]))
      v->u64[i] = (v->u64[i] & 0x8000000000000000u) | 0x7ff8000000000000u;
  }
}

static void check_nans(const simd_table *t) {
  unsigned long before = g_failed;
  g_rng = 0x5555aaaa5555aaaau;
  for (unsigned k = 0; k < sizeof k_float_ops / sizeof k_float_ops[0]; k++) {
    const simd_op *op = find_op(t, k_float_ops[k].name);
    unsigned in_w = k_float_ops[k].in_w, out_w = k_float_ops[k].out_w;
    if (!op) {
      g_failed++;
      printf("FAIL: no %s\n", k_float_ops[k].name);
      continue;
    }
    unsigned shown = 0;
    for (unsigned n = 0; n < RANDOM_INPUTS; n++) {
      simd_in in = gen_in();
      bool canonical_in = n & 1;
      if (canonical_in) {
        canonicalize(&in.a, in_w);
        canonicalize(&in.b, in_w);
        canonicalize(&in.c, in_w);
      }
      wd_v128_t r;
      op->fn(&r, &in);
      bool ok = true;
      for (unsigned i = 0; i < 128 / out_w; i++) {
        if (out_w == 32 && is_nan32(r.u32[i]))
          ok = ok && (canonical_in ? canon32(r.u32[i]) : quiet32(r.u32[i]));
        if (out_w == 64 && is_nan64(r.u64[i]))
          ok = ok && (canonical_in ? canon64(r.u64[i]) : quiet64(r.u64[i]));
      }
      if (ok) {
        pass();
        continue;
      }
      g_failed++;
      if (shown++ < 3) {
        printf("FAIL %s (%s): NaN result not %s\n", op->name, t->path,
               canonical_in ? "canonical" : "arithmetic");
        print_v("a", in.a);
        print_v("b", in.b);
        print_v("c", in.c);
        print_v("r", r);
      }
    }
  }
  printf("%s: NaN classes of %u float operations x %u inputs, %lu failures\n", t->path,
         (unsigned)(sizeof k_float_ops / sizeof k_float_ops[0]), (unsigned)RANDOM_INPUTS,
         g_failed - before);
}

// ---------------------------------------------------------------------------
// 3. Hand-written expected results.
// ---------------------------------------------------------------------------

static wd_v128_t mk8(const int64_t v[16]) {
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(uint64_t)v[i];
  return r;
}
static wd_v128_t mk16(const int64_t v[8]) {
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(uint64_t)v[i];
  return r;
}
static wd_v128_t mk32(const int64_t v[4]) {
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)(uint64_t)v[i];
  return r;
}
static wd_v128_t mk64(const uint64_t v[2]) {
  wd_v128_t r;
  r.u64[0] = v[0];
  r.u64[1] = v[1];
  return r;
}
static wd_v128_t mkf32(const float v[4]) {
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_f32_bits(v[i]);
  return r;
}
static wd_v128_t mkf64(const double v[2]) {
  wd_v128_t r;
  r.u64[0] = wd_num_f64_bits(v[0]);
  r.u64[1] = wd_num_f64_bits(v[1]);
  return r;
}
#define I8(...) mk8((const int64_t[16]){__VA_ARGS__})
#define I16(...) mk16((const int64_t[8]){__VA_ARGS__})
#define I32(...) mk32((const int64_t[4]){__VA_ARGS__})
#define I64(...) mk64((const uint64_t[2]){__VA_ARGS__})
#define F32(...) mkf32((const float[4]){__VA_ARGS__})
#define F64(...) mkf64((const double[2]){__VA_ARGS__})
#define B32(a, b, c, d) I32((int64_t)(a), (int64_t)(b), (int64_t)(c), (int64_t)(d))
#define Z I64(0, 0)

static wd_v128_t g_zero;

// Runs `name` on every build and compares with `want` (NaN lanes of the
// NaN-producing operations by class: both quiet NaNs).
static void expect_nan(int line, const char *name, wd_v128_t a, wd_v128_t b, wd_v128_t c,
                       uint64_t x, unsigned imm, wd_v128_t want, int nan) {
  simd_in in = {a, b, c, x, imm};
  for (unsigned t = 0; t < g_ntables; t++) {
    const simd_op *op = find_op(&g_tables[t], name);
    if (!op) {
      g_failed++;
      printf("FAIL line %d: no operation %s\n", line, name);
      return;
    }
    wd_v128_t r;
    op->fn(&r, &in);
    if (same_result(nan >= 0 ? nan : op->nan, r, want)) {
      pass();
      continue;
    }
    g_failed++;
    printf("FAIL line %d: %s (%s)\n", line, name, g_tables[t].path);
    print_v("got ", r);
    print_v("want", want);
  }
}
static void expect_full(int line, const char *name, wd_v128_t a, wd_v128_t b, wd_v128_t c,
                        uint64_t x, unsigned imm, wd_v128_t want) {
  expect_nan(line, name, a, b, c, x, imm, want, -1);
}
#define E1(name, a, want) expect_full(__LINE__, #name, a, g_zero, g_zero, 0, 0, want)
#define E2(name, a, b, want) expect_full(__LINE__, #name, a, b, g_zero, 0, 0, want)
#define E3(name, a, b, c, want) expect_full(__LINE__, #name, a, b, c, 0, 0, want)
#define EX(name, a, x, imm, want) expect_full(__LINE__, #name, a, g_zero, g_zero, x, imm, want)
#define S32(x) I32((int64_t)(x), 0, 0, 0)
#define S64(x) I64((uint64_t)(x), 0)

static const uint32_t NAN32 = 0x7fc00000u;
static const uint64_t NAN64 = 0x7ff8000000000000u;

static void expected_values(void) {
  // Memory conversions.
  EX(load8x8_s, Z, 0x80ff7f0201000000u, 0, I16(0, 0, 0, 1, 2, 127, -1, -128));
  EX(load8x8_u, Z, 0x80ff7f0201000000u, 0, I16(0, 0, 0, 1, 2, 127, 255, 128));
  EX(load16x4_s, Z, 0x80007fffffff0001u, 0, I32(1, -1, 32767, -32768));
  EX(load16x4_u, Z, 0x80007fffffff0001u, 0, I32(1, 65535, 32767, 32768));
  EX(load32x2_s, Z, 0x80000000ffffffffu, 0, I64(UINT64_MAX, 0xffffffff80000000u));
  EX(load32x2_u, Z, 0x80000000ffffffffu, 0, I64(0xffffffffu, 0x80000000u));
  EX(load8_splat, Z, 0x1ab, 0,
     I8(0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab, 0xab,
        0xab));
  EX(load16_splat, Z, 0x1abcd, 0,
     I16(0xabcd, 0xabcd, 0xabcd, 0xabcd, 0xabcd, 0xabcd, 0xabcd, 0xabcd));
  EX(load32_splat, Z, 0x12345678, 0, I32(0x12345678, 0x12345678, 0x12345678, 0x12345678));
  EX(load64_splat, Z, 0x0123456789abcdefu, 0, I64(0x0123456789abcdefu, 0x0123456789abcdefu));
  EX(load32_zero, I32(9, 9, 9, 9), 0x87654321u, 0, I32(0x87654321u, 0, 0, 0));
  EX(load64_zero, I32(9, 9, 9, 9), 0x0123456789abcdefu, 0, I64(0x0123456789abcdefu, 0));
  EX(load8_lane, I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 0xff, 15,
     I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xff));
  EX(load16_lane, I16(0, 1, 2, 3, 4, 5, 6, 7), 0x12345, 3, I16(0, 1, 2, 0x2345, 4, 5, 6, 7));
  EX(load32_lane, I32(0, 1, 2, 3), 0xdeadbeef, 0, I32(0xdeadbeef, 1, 2, 3));
  EX(load64_lane, I64(5, 6), 0x0123456789abcdefu, 1, I64(5, 0x0123456789abcdefu));
  EX(store8_lane, I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x8f), 0, 15, S64(0x8f));
  EX(store16_lane, I16(0, 1, 2, 3, 4, 5, 6, 0xfedc), 0, 7, S64(0xfedc));
  EX(store32_lane, I32(0, 1, 0xfedcba98, 3), 0, 2, S64(0xfedcba98));
  EX(store64_lane, I64(1, 0xfedcba9876543210u), 0, 1, S64(0xfedcba9876543210u));
  E1(v128_const, I32(1, 2, 3, 4), I32(1, 2, 3, 4));

  // Shuffle, swizzle, splat, lanes.
  wd_v128_t seq = I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  wd_v128_t seq2 = I8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
  E3(i8x16_shuffle, seq, seq2, I8(31, 0, 16, 15, 1, 17, 30, 14, 2, 2, 2, 2, 31, 31, 0, 16),
     I8(31, 0, 16, 15, 1, 17, 30, 14, 2, 2, 2, 2, 31, 31, 0, 16));
  E3(i8x16_shuffle, seq2, seq, I8(0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16),
     I8(16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0, 16, 0));
  E2(i8x16_swizzle, seq2, I8(15, 0, 16, 255, 128, 127, 1, 17, 14, 32, 3, 64, 2, 15, 0, 0x70),
     I8(31, 16, 0, 0, 0, 0, 17, 0, 30, 0, 19, 0, 18, 31, 16, 0));
  E2(i8x16_relaxed_swizzle, seq2, I8(15, 0, 16, 255, 128, 127, 1, 17, 14, 32, 3, 64, 2, 15, 0, 0),
     I8(31, 16, 0, 0, 0, 0, 17, 0, 30, 0, 19, 0, 18, 31, 16, 16));
  EX(i8x16_splat, Z, 0xffffff80u, 0,
     I8(-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128,
        -128));
  EX(i16x8_splat, Z, 0x10000u + 5, 0, I16(5, 5, 5, 5, 5, 5, 5, 5));
  EX(i32x4_splat, Z, 0x80000000u, 0, I32(0x80000000u, 0x80000000u, 0x80000000u, 0x80000000u));
  EX(i64x2_splat, Z, 0x8000000000000001u, 0, I64(0x8000000000000001u, 0x8000000000000001u));
  EX(f32x4_splat, Z, 0x7fa00001u, 0, I32(0x7fa00001, 0x7fa00001, 0x7fa00001, 0x7fa00001));
  EX(f64x2_splat, Z, 0xfff4000000000001u, 0, I64(0xfff4000000000001u, 0xfff4000000000001u));
  EX(i8x16_extract_lane_s, I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80), 0, 15,
     S32(0xffffff80u));
  EX(i8x16_extract_lane_u, I8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80), 0, 15, S32(0x80));
  EX(i16x8_extract_lane_s, I16(0, 0x8001, 0, 0, 0, 0, 0, 0), 0, 1, S32(0xffff8001u));
  EX(i16x8_extract_lane_u, I16(0, 0x8001, 0, 0, 0, 0, 0, 0), 0, 1, S32(0x8001));
  EX(i32x4_extract_lane, I32(1, 2, 3, 0xffffffff), 0, 3, S32(0xffffffffu));
  EX(i64x2_extract_lane, I64(1, 0xffffffff00000000u), 0, 1, S64(0xffffffff00000000u));
  EX(f32x4_extract_lane, B32(0, 0x7fa00000u, 0, 0), 0, 1, S32(0x7fa00000u));
  EX(f64x2_extract_lane, I64(0xfff0000000000001u, 0), 0, 0, S64(0xfff0000000000001u));
  EX(i8x16_replace_lane, seq, 0x1ff, 0,
     I8(0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  EX(i16x8_replace_lane, I16(0, 1, 2, 3, 4, 5, 6, 7), 0xabcdef, 7,
     I16(0, 1, 2, 3, 4, 5, 6, 0xcdef));
  EX(i32x4_replace_lane, I32(0, 1, 2, 3), 0xffffffff, 2, I32(0, 1, 0xffffffff, 3));
  EX(i64x2_replace_lane, I64(0, 1), 0x8000000000000000u, 0, I64(0x8000000000000000u, 1));
  EX(f32x4_replace_lane, I32(0, 1, 2, 3), 0xff800001u, 3, I32(0, 1, 2, 0xff800001u));
  EX(f64x2_replace_lane, I64(0, 1), 0x7ff0000000000002u, 1, I64(0, 0x7ff0000000000002u));

  // Integer comparisons.
  wd_v128_t m8a = I8(0, 1, -1, 127, -128, 5, 0x80, 0x7f, 3, 3, 0xff, 0, 10, -10, 100, -100);
  wd_v128_t m8b = I8(0, -1, 1, -128, 127, 5, 0x7f, 0x80, 4, 2, 0, 0xff, 10, 10, -100, 100);
  E2(i8x16_eq, m8a, m8b, I8(-1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0));
  E2(i8x16_ne, m8a, m8b, I8(0, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1));
  E2(i8x16_lt_s, m8a, m8b, I8(0, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, 0, -1, 0, -1));
  E2(i8x16_lt_u, m8a, m8b, I8(0, -1, 0, -1, 0, 0, 0, -1, -1, 0, 0, -1, 0, 0, -1, 0));
  E2(i8x16_gt_s, m8a, m8b, I8(0, -1, 0, -1, 0, 0, 0, -1, 0, -1, 0, -1, 0, 0, -1, 0));
  E2(i8x16_gt_u, m8a, m8b, I8(0, 0, -1, 0, -1, 0, -1, 0, 0, -1, -1, 0, 0, -1, 0, -1));
  E2(i8x16_le_s, m8a, m8b, I8(-1, 0, -1, 0, -1, -1, -1, 0, -1, 0, -1, 0, -1, -1, 0, -1));
  E2(i8x16_le_u, m8a, m8b, I8(-1, -1, 0, -1, 0, -1, 0, -1, -1, 0, 0, -1, -1, 0, -1, 0));
  E2(i8x16_ge_s, m8a, m8b, I8(-1, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, -1, 0, -1, 0));
  E2(i8x16_ge_u, m8a, m8b, I8(-1, 0, -1, 0, -1, -1, -1, 0, 0, -1, -1, 0, -1, -1, 0, -1));
  wd_v128_t m16a = I16(0, -1, 0x8000, 0x7fff, 1, 2, -32767, 40000);
  wd_v128_t m16b = I16(0, 1, 0x7fff, 0x8000, 1, -2, -32768, 30000);
  E2(i16x8_eq, m16a, m16b, I16(-1, 0, 0, 0, -1, 0, 0, 0));
  E2(i16x8_ne, m16a, m16b, I16(0, -1, -1, -1, 0, -1, -1, -1));
  E2(i16x8_lt_s, m16a, m16b, I16(0, -1, -1, 0, 0, 0, 0, -1));
  E2(i16x8_lt_u, m16a, m16b, I16(0, 0, 0, -1, 0, -1, 0, 0));
  E2(i16x8_gt_s, m16a, m16b, I16(0, 0, 0, -1, 0, -1, -1, 0));
  E2(i16x8_gt_u, m16a, m16b, I16(0, -1, -1, 0, 0, 0, -1, -1));
  E2(i16x8_le_s, m16a, m16b, I16(-1, -1, -1, 0, -1, 0, 0, -1));
  E2(i16x8_le_u, m16a, m16b, I16(-1, 0, 0, -1, -1, -1, 0, 0));
  E2(i16x8_ge_s, m16a, m16b, I16(-1, 0, 0, -1, -1, -1, -1, 0));
  E2(i16x8_ge_u, m16a, m16b, I16(-1, -1, -1, 0, -1, 0, -1, -1));
  wd_v128_t m32a = I32(0x80000000, 0x7fffffff, -1, 5);
  wd_v128_t m32b = I32(0x7fffffff, 0x80000000, 1, 5);
  E2(i32x4_eq, m32a, m32b, I32(0, 0, 0, -1));
  E2(i32x4_ne, m32a, m32b, I32(-1, -1, -1, 0));
  E2(i32x4_lt_s, m32a, m32b, I32(-1, 0, -1, 0));
  E2(i32x4_lt_u, m32a, m32b, I32(0, -1, 0, 0));
  E2(i32x4_gt_s, m32a, m32b, I32(0, -1, 0, 0));
  E2(i32x4_gt_u, m32a, m32b, I32(-1, 0, -1, 0));
  E2(i32x4_le_s, m32a, m32b, I32(-1, 0, -1, -1));
  E2(i32x4_le_u, m32a, m32b, I32(0, -1, 0, -1));
  E2(i32x4_ge_s, m32a, m32b, I32(0, -1, 0, -1));
  E2(i32x4_ge_u, m32a, m32b, I32(-1, 0, -1, -1));
  wd_v128_t m64a = I64(0x8000000000000000u, 7), m64b = I64(0x7fffffffffffffffu, 7);
  E2(i64x2_eq, m64a, m64b, I64(0, UINT64_MAX));
  E2(i64x2_ne, m64a, m64b, I64(UINT64_MAX, 0));
  E2(i64x2_lt_s, m64a, m64b, I64(UINT64_MAX, 0));
  E2(i64x2_gt_s, m64a, m64b, I64(0, 0));
  E2(i64x2_le_s, m64a, m64b, I64(UINT64_MAX, UINT64_MAX));
  E2(i64x2_ge_s, m64a, m64b, I64(0, UINT64_MAX));
  E2(i64x2_lt_s, I64(UINT64_MAX, 0xffffffff00000000u), I64(0, 0xfffffffe00000000u), I64(-1, 0));

  // Float comparisons: NaN unordered, -0 == +0.
  wd_v128_t fa = B32(0x7fc00000, 0x80000000, 0x3f800000, 0xff800000);
  wd_v128_t fb = B32(0x7fc00000, 0x00000000, 0x40000000, 0xff800000);
  E2(f32x4_eq, fa, fb, I32(0, -1, 0, -1));
  E2(f32x4_ne, fa, fb, I32(-1, 0, -1, 0));
  E2(f32x4_lt, fa, fb, I32(0, 0, -1, 0));
  E2(f32x4_gt, fa, fb, I32(0, 0, 0, 0));
  E2(f32x4_le, fa, fb, I32(0, -1, -1, -1));
  E2(f32x4_ge, fa, fb, I32(0, -1, 0, -1));
  E2(f64x2_eq, I64(NAN64, 0x8000000000000000u), I64(NAN64, 0), I64(0, UINT64_MAX));
  E2(f64x2_ne, I64(NAN64, 0x8000000000000000u), I64(NAN64, 0), I64(UINT64_MAX, 0));
  E2(f64x2_lt, F64(-1.0, 2.0), F64(1.0, 2.0), I64(UINT64_MAX, 0));
  E2(f64x2_gt, F64(-1.0, 3.0), F64(1.0, 2.0), I64(0, UINT64_MAX));
  E2(f64x2_le, I64(NAN64, 0x8000000000000000u), I64(0, 0), I64(0, UINT64_MAX));
  E2(f64x2_ge, F64(-1.0, 2.0), I64(NAN64, 0x4000000000000000u), I64(0, UINT64_MAX));

  // Bitwise.
  wd_v128_t ba = I64(0xff00ff00f0f0cccc, 0x0123456789abcdef);
  wd_v128_t bb = I64(0x0ff00ff0ff00aaaa, 0xffffffff00000000);
  E1(v128_not, ba, I64(0x00ff00ff0f0f3333, 0xfedcba9876543210));
  E2(v128_and, ba, bb, I64(0x0f000f00f0008888, 0x0123456700000000));
  E2(v128_andnot, ba, bb, I64(0xf000f00000f04444, 0x0000000089abcdef));
  E2(v128_or, ba, bb, I64(0xfff0fff0fff0eeee, 0xffffffff89abcdef));
  E2(v128_xor, ba, bb, I64(0xf0f0f0f00ff06666, 0xfedcba9889abcdef));
  E3(v128_bitselect, I64(UINT64_MAX, 0x1111111111111111), I64(0, 0x2222222222222222),
     I64(0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00), I64(0xf0f0f0f0f0f0f0f0, 0x1122112211221122));
  E3(i8x16_relaxed_laneselect, I64(UINT64_MAX, 0), I64(0, UINT64_MAX), I64(0x0f, 0x7f),
     I64(0x0f, 0xffffffffffffff80));
  E3(i16x8_relaxed_laneselect, I64(UINT64_MAX, 0), I64(0, UINT64_MAX), I64(0x0f, 0x7f),
     I64(0x0f, 0xffffffffffffff80));
  E3(i32x4_relaxed_laneselect, I64(UINT64_MAX, 0), I64(0, UINT64_MAX), I64(0x0f, 0x7f),
     I64(0x0f, 0xffffffffffffff80));
  E3(i64x2_relaxed_laneselect, I64(UINT64_MAX, 0), I64(0, UINT64_MAX), I64(0x0f, 0x7f),
     I64(0x0f, 0xffffffffffffff80));
  E1(v128_any_true, I64(0, 0), S32(0));
  E1(v128_any_true, I64(0, 0x100), S32(1));

  // all_true, bitmask.
  E1(i8x16_all_true, I8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0x80), S32(1));
  E1(i8x16_all_true, I8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0), S32(0));
  E1(i16x8_all_true, I16(1, 1, 1, 1, 1, 1, 1, 0x100), S32(1));
  E1(i16x8_all_true, I16(1, 1, 1, 0, 1, 1, 1, 0x100), S32(0));
  E1(i32x4_all_true, I32(1, 0x10000, 0x80000000, 1), S32(1));
  E1(i32x4_all_true, I32(1, 0, 1, 1), S32(0));
  E1(i64x2_all_true, I64(0x100000000u, 1), S32(1));
  E1(i64x2_all_true, I64(0x100000000u, 0), S32(0));
  E1(i8x16_bitmask, I8(0x80, 0x7f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x81), S32(0x8005));
  E1(i16x8_bitmask, I16(0x8000, 0x7fff, 0, 0xffff, 0, 0, 0, 0x8000), S32(0x89));
  E1(i32x4_bitmask, I32(0, 0x80000000, 0x7fffffff, -1), S32(0xa));
  E1(i64x2_bitmask, I64(0x8000000000000000u, 0x7fffffffffffffffu), S32(1));

  // Integer arithmetic.
  E2(i8x16_add, I8(127, -128, 255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(1, -1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(-128, 127, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_sub, I8(-128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5),
     I8(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6),
     I8(127, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
  E2(i16x8_add, I16(0x7fff, 0xffff, 3, 0, 0, 0, 0, 0), I16(1, 1, 4, 0, 0, 0, 0, 0),
     I16(0x8000, 0, 7, 0, 0, 0, 0, 0));
  E2(i16x8_sub, I16(0x8000, 0, 3, 0, 0, 0, 0, 0), I16(1, 1, 4, 0, 0, 0, 0, 0),
     I16(0x7fff, 0xffff, 0xffff, 0, 0, 0, 0, 0));
  E2(i16x8_mul, I16(0x7fff, 0x8000, -3, 300, 0, 0, 0, 0), I16(2, 0x8000, 7, 300, 0, 0, 0, 0),
     I16(0xfffe, 0, -21, 90000 & 0xffff, 0, 0, 0, 0));
  E2(i32x4_add, I32(0x7fffffff, -1, 1, 0), I32(1, 1, 2, 0), I32(0x80000000, 0, 3, 0));
  E2(i32x4_sub, I32(0x80000000, 0, 1, 0), I32(1, 1, 2, 0), I32(0x7fffffff, -1, -1, 0));
  E2(i32x4_mul, I32(0x10000, -1, 0x7fffffff, 123456789), I32(0x10000, -1, 2, 987654321),
     I32(0, 1, 0xfffffffe, (int64_t)(123456789ull * 987654321ull & 0xffffffffu)));
  E2(i64x2_add, I64(UINT64_MAX, 0x7fffffffffffffffu), I64(1, 1), I64(0, 0x8000000000000000u));
  E2(i64x2_sub, I64(0, 0x8000000000000000u), I64(1, 1), I64(UINT64_MAX, 0x7fffffffffffffffu));
  E2(i64x2_mul, I64(0x100000000u, 0xffffffffffffffffu), I64(0x100000000u, 3),
     I64(0, 0xfffffffffffffffdu));
  E1(i8x16_neg, I8(-128, 127, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1),
     I8(-128, -127, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
  E1(i16x8_neg, I16(0x8000, 0x7fff, 0, 1, 0, 0, 0, -1), I16(0x8000, -0x7fff, 0, -1, 0, 0, 0, 1));
  E1(i32x4_neg, I32(0x80000000, 0x7fffffff, 0, 1), I32(0x80000000, -0x7fffffff, 0, -1));
  E1(i64x2_neg, I64(0x8000000000000000u, 1), I64(0x8000000000000000u, UINT64_MAX));
  E1(i8x16_abs, I8(-128, -127, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127),
     I8(-128, 127, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 127));
  E1(i16x8_abs, I16(0x8000, -32767, 0, 1, -1, 0, 0, 5), I16(0x8000, 32767, 0, 1, 1, 0, 0, 5));
  E1(i32x4_abs, I32(0x80000000, -5, 5, 0), I32(0x80000000, 5, 5, 0));
  E1(i64x2_abs, I64(0x8000000000000000u, UINT64_MAX), I64(0x8000000000000000u, 1));

  // Saturating arithmetic, average, q15mulr, popcnt.
  E2(i8x16_add_sat_s, I8(127, -128, 100, -100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(1, -1, 27, -28, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(127, -128, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_add_sat_u, I8(255, 200, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(1, 100, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(255, 255, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_sub_sat_s, I8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(1, -1, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(-128, 127, 127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_sub_sat_u, I8(0, 200, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(1, 100, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i16x8_add_sat_s, I16(32767, -32768, 1, 0, 0, 0, 0, 0), I16(1, -1, 1, 0, 0, 0, 0, 0),
     I16(32767, -32768, 2, 0, 0, 0, 0, 0));
  E2(i16x8_add_sat_u, I16(65535, 60000, 1, 0, 0, 0, 0, 0), I16(1, 6000, 1, 0, 0, 0, 0, 0),
     I16(65535, 65535, 2, 0, 0, 0, 0, 0));
  E2(i16x8_sub_sat_s, I16(-32768, 32767, 0, 0, 0, 0, 0, 0), I16(1, -1, -32768, 0, 0, 0, 0, 0),
     I16(-32768, 32767, 32767, 0, 0, 0, 0, 0));
  E2(i16x8_sub_sat_u, I16(0, 60000, 0, 0, 0, 0, 0, 0), I16(1, 6000, 0, 0, 0, 0, 0, 0),
     I16(0, 54000, 0, 0, 0, 0, 0, 0));
  E2(i8x16_avgr_u, I8(255, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(255, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255),
     I8(255, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128));
  E2(i16x8_avgr_u, I16(65535, 0, 1, 65535, 0, 0, 0, 0), I16(65535, 1, 2, 0, 0, 0, 0, 0),
     I16(65535, 1, 2, 32768, 0, 0, 0, 0));
  E2(i16x8_q15mulr_sat_s, I16(-32768, -32768, 16384, 16384, -16384, 1, 0, 32767),
     I16(-32768, 32767, 16384, -16384, -16384, 16384, 5, 32767),
     I16(32767, -32767, 8192, -8192, 8192, 1, 0, 32766));
  E2(i16x8_relaxed_q15mulr_s, I16(-32768, -32768, 16384, 16384, -16384, 1, 0, 32767),
     I16(-32768, 32767, 16384, -16384, -16384, 16384, 5, 32767),
     I16(32767, -32767, 8192, -8192, 8192, 1, 0, 32766));
  E2(i16x8_q15mulr_sat_s, I16(1, -1, 3, -3, 0, 0, 0, 0),
     I16(16384, 16384, 16384, 16384, 0, 0, 0, 0),
     I16(1, 0, 2, -1, 0, 0, 0, 0)); // 0.5 rounds up, -0.5 rounds up to 0, 1.5 -> 2, -1.5 -> -1
  E1(i8x16_popcnt, I8(0, 1, 3, 7, 15, 31, 63, 127, 255, 0x80, 0x55, 0xaa, 0x0f, 0xf0, 0x11, 0x81),
     I8(0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 4, 4, 4, 4, 2, 2));

  // Integer min/max.
  wd_v128_t x8a = I8(-128, 127, 0, -1, 1, 0x80, 0x7f, 5, 0, 0, 0, 0, 0, 0, 0, 0);
  wd_v128_t x8b = I8(127, -128, -1, 0, 1, 0x7f, 0x80, 6, 0, 0, 0, 0, 0, 0, 0, 0);
  E2(i8x16_min_s, x8a, x8b, I8(-128, -128, -1, -1, 1, 0x80, 0x80, 5, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_min_u, x8a, x8b, I8(127, 127, 0, 0, 1, 0x7f, 0x7f, 5, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_max_s, x8a, x8b, I8(127, 127, 0, 0, 1, 0x7f, 0x7f, 6, 0, 0, 0, 0, 0, 0, 0, 0));
  E2(i8x16_max_u, x8a, x8b, I8(-128, -128, -1, -1, 1, 0x80, 0x80, 6, 0, 0, 0, 0, 0, 0, 0, 0));
  wd_v128_t x16a = I16(-32768, 32767, 0, -1, 1, 0, 0, 0);
  wd_v128_t x16b = I16(32767, -32768, -1, 0, 1, 0, 0, 0);
  E2(i16x8_min_s, x16a, x16b, I16(-32768, -32768, -1, -1, 1, 0, 0, 0));
  E2(i16x8_min_u, x16a, x16b, I16(32767, 32767, 0, 0, 1, 0, 0, 0));
  E2(i16x8_max_s, x16a, x16b, I16(32767, 32767, 0, 0, 1, 0, 0, 0));
  E2(i16x8_max_u, x16a, x16b, I16(-32768, -32768, -1, -1, 1, 0, 0, 0));
  wd_v128_t x32a = I32(0x80000000, 0x7fffffff, 0, -1);
  wd_v128_t x32b = I32(0x7fffffff, 0x80000000, -1, 0);
  E2(i32x4_min_s, x32a, x32b, I32(0x80000000, 0x80000000, -1, -1));
  E2(i32x4_min_u, x32a, x32b, I32(0x7fffffff, 0x7fffffff, 0, 0));
  E2(i32x4_max_s, x32a, x32b, I32(0x7fffffff, 0x7fffffff, 0, 0));
  E2(i32x4_max_u, x32a, x32b, I32(0x80000000, 0x80000000, -1, -1));

  // Shifts: counts modulo the lane width.
  wd_v128_t s8 = I8(0x81, 0x7f, 0xff, 1, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80);
  EX(i8x16_shl, s8, 9, 0, I8(0x02, 0xfe, 0xfe, 2, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  EX(i8x16_shr_s, s8, 7, 0, I8(-1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1));
  EX(i8x16_shr_s, s8, 0x101, 0, I8(0xc0, 0x3f, 0xff, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0));
  EX(i8x16_shr_u, s8, 15, 0, I8(1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
  EX(i8x16_shr_u, s8, 8, 0, s8);
  wd_v128_t s16 = I16(0x8001, 0x7fff, -1, 1, 0, 0, 0, 0x4000);
  EX(i16x8_shl, s16, 17, 0, I16(2, 0xfffe, 0xfffe, 2, 0, 0, 0, 0x8000));
  EX(i16x8_shr_s, s16, 15, 0, I16(-1, 0, -1, 0, 0, 0, 0, 0));
  EX(i16x8_shr_s, s16, 0xffffffff, 0, I16(-1, 0, -1, 0, 0, 0, 0, 0));
  EX(i16x8_shr_u, s16, 1, 0, I16(0x4000, 0x3fff, 0x7fff, 0, 0, 0, 0, 0x2000));
  wd_v128_t s32 = I32(0x80000001, 0x7fffffff, -1, 1);
  EX(i32x4_shl, s32, 33, 0, I32(2, 0xfffffffe, 0xfffffffe, 2));
  EX(i32x4_shr_s, s32, 31, 0, I32(-1, 0, -1, 0));
  EX(i32x4_shr_s, s32, 32, 0, s32);
  EX(i32x4_shr_u, s32, 4, 0, I32(0x08000000, 0x07ffffff, 0x0fffffff, 0));
  wd_v128_t s64 = I64(0x8000000000000001u, 0x7fffffffffffffffu);
  EX(i64x2_shl, s64, 65, 0, I64(2, 0xfffffffffffffffeu));
  EX(i64x2_shr_s, s64, 63, 0, I64(UINT64_MAX, 0));
  EX(i64x2_shr_s, s64, 1, 0, I64(0xc000000000000000u, 0x3fffffffffffffffu));
  EX(i64x2_shr_u, s64, 127, 0, I64(1, 0));

  // Narrow, extend, extmul, extadd_pairwise, dot.
  wd_v128_t n16a = I16(-32768, -129, -128, -1, 0, 127, 128, 32767);
  wd_v128_t n16b = I16(255, 256, -256, 1, 2, 3, 4, 5);
  E2(i8x16_narrow_i16x8_s, n16a, n16b,
     I8(-128, -128, -128, -1, 0, 127, 127, 127, 127, 127, -128, 1, 2, 3, 4, 5));
  E2(i8x16_narrow_i16x8_u, n16a, n16b,
     I8(0, 0, 0, 0, 0, 127, 128, 255, 255, 255, 0, 1, 2, 3, 4, 5));
  wd_v128_t n32a = I32(0x80000000, -32769, 32768, 0x7fffffff);
  wd_v128_t n32b = I32(65535, 65536, -1, 7);
  E2(i16x8_narrow_i32x4_s, n32a, n32b, I16(-32768, -32768, 32767, 32767, 32767, 32767, -1, 7));
  E2(i16x8_narrow_i32x4_u, n32a, n32b, I16(0, 0, 32768, 65535, 65535, 65535, 0, 7));
  wd_v128_t e8 = I8(0x80, 0x7f, 0xff, 1, 0, 2, 3, 4, 0x81, 0xfe, 5, 6, 7, 8, 9, 0xff);
  E1(i16x8_extend_low_i8x16_s, e8, I16(-128, 127, -1, 1, 0, 2, 3, 4));
  E1(i16x8_extend_high_i8x16_s, e8, I16(-127, -2, 5, 6, 7, 8, 9, -1));
  E1(i16x8_extend_low_i8x16_u, e8, I16(128, 127, 255, 1, 0, 2, 3, 4));
  E1(i16x8_extend_high_i8x16_u, e8, I16(129, 254, 5, 6, 7, 8, 9, 255));
  wd_v128_t e16 = I16(0x8000, 0x7fff, 0xffff, 1, 0x8001, 2, 0xfffe, 3);
  E1(i32x4_extend_low_i16x8_s, e16, I32(-32768, 32767, -1, 1));
  E1(i32x4_extend_high_i16x8_s, e16, I32(-32767, 2, -2, 3));
  E1(i32x4_extend_low_i16x8_u, e16, I32(32768, 32767, 65535, 1));
  E1(i32x4_extend_high_i16x8_u, e16, I32(32769, 2, 65534, 3));
  wd_v128_t e32 = I32(0x80000000, 0x7fffffff, -1, 1);
  E1(i64x2_extend_low_i32x4_s, e32, I64(0xffffffff80000000u, 0x7fffffff));
  E1(i64x2_extend_high_i32x4_s, e32, I64(UINT64_MAX, 1));
  E1(i64x2_extend_low_i32x4_u, e32, I64(0x80000000u, 0x7fffffff));
  E1(i64x2_extend_high_i32x4_u, e32, I64(0xffffffffu, 1));
  E2(i16x8_extmul_low_i8x16_s, e8, e8, I16(16384, 16129, 1, 1, 0, 4, 9, 16));
  E2(i16x8_extmul_high_i8x16_s, e8, I8(0, 0, 0, 0, 0, 0, 0, 0, -128, 2, 0, 0, 0, 0, 0, -128),
     I16(16256, -4, 0, 0, 0, 0, 0, 128));
  E2(i16x8_extmul_low_i8x16_u, e8, e8, I16(16384, 16129, 65025, 1, 0, 4, 9, 16));
  E2(i16x8_extmul_high_i8x16_u, e8, e8, I16(16641, 64516, 25, 36, 49, 64, 81, 65025));
  E2(i32x4_extmul_low_i16x8_s, e16, e16, I32(0x40000000, 0x3fff0001, 1, 1));
  E2(i32x4_extmul_high_i16x8_s, e16, I16(0, 0, 0, 0, 0x8000, -1, 0x7fff, 0),
     I32(0x3fff8000, -2, -65534, 0));
  E2(i32x4_extmul_low_i16x8_u, e16, e16, I32(0x40000000, 0x3fff0001, 0xfffe0001u, 1));
  E2(i32x4_extmul_high_i16x8_u, e16, e16, I32(0x40010001, 4, 0xfffc0004u, 9));
  E2(i64x2_extmul_low_i32x4_s, e32, e32, I64(0x4000000000000000u, 0x3fffffff00000001u));
  E2(i64x2_extmul_high_i32x4_s, e32, I32(0, 0, 0x80000000, -1), I64(0x80000000u, UINT64_MAX));
  E2(i64x2_extmul_low_i32x4_u, e32, e32, I64(0x4000000000000000u, 0x3fffffff00000001u));
  E2(i64x2_extmul_high_i32x4_u, e32, e32, I64(0xfffffffe00000001u, 1));
  E1(i16x8_extadd_pairwise_i8x16_s, e8, I16(-1, 0, 2, 7, -129, 11, 15, 8));
  E1(i16x8_extadd_pairwise_i8x16_u, e8, I16(255, 256, 2, 7, 383, 11, 15, 264));
  E1(i16x8_extadd_pairwise_i8x16_s, I8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I16(-256, 254, 0, 0, 0, 0, 0, 0));
  E1(i32x4_extadd_pairwise_i16x8_s, e16, I32(-1, 0, -32765, 1));
  E1(i32x4_extadd_pairwise_i16x8_u, e16, I32(65535, 65536, 32771, 65537));
  E1(i32x4_extadd_pairwise_i16x8_u, I16(65535, 65535, 0, 0, 0, 0, 0, 0), I32(131070, 0, 0, 0));
  E2(i32x4_dot_i16x8_s, I16(-32768, -32768, 1, 2, 32767, 32767, -1, 3),
     I16(-32768, -32768, 3, 4, 32767, -32768, 1, -1), I32(0x80000000, 11, -32767, -4));

  // Float sign operations keep NaN payloads.
  E1(f32x4_abs, B32(0xffc00001, 0x80000000, 0xbf800000, 0x7f800000),
     B32(0x7fc00001, 0, 0x3f800000, 0x7f800000));
  E1(f32x4_neg, B32(0xffc00001, 0x80000000, 0x3f800000, 0x7fa00000),
     B32(0x7fc00001, 0, 0xbf800000, 0xffa00000));
  E1(f64x2_abs, I64(0xfff4000000000001u, 0x8000000000000000u), I64(0x7ff4000000000001u, 0));
  E1(f64x2_neg, I64(0x7ff4000000000001u, 0), I64(0xfff4000000000001u, 0x8000000000000000u));

  // Float arithmetic.
  E2(f32x4_add, F32(1.0f, 0x1p24f, -0.0f, INFINITY), F32(2.0f, 1.0f, -0.0f, -INFINITY),
     B32(0x40400000, 0x4b800000, 0x80000000, NAN32)); // 2^24 + 1 rounds to even
  E2(f32x4_sub, F32(1.0f, 0.0f, -0.0f, INFINITY), F32(2.0f, 0.0f, 0.0f, INFINITY),
     B32(0xbf800000, 0, 0x80000000, NAN32));
  E2(f32x4_mul, F32(3.0f, -0.0f, 0x1p-126f, 0.0f), F32(-2.0f, 5.0f, 0x1p-3f, INFINITY),
     B32(0xc0c00000, 0x80000000, 0x00100000, NAN32));
  E2(f32x4_div, F32(1.0f, 1.0f, -1.0f, 0.0f), F32(3.0f, 0.0f, 0.0f, 0.0f),
     B32(0x3eaaaaab, 0x7f800000, 0xff800000, NAN32));
  E1(f32x4_sqrt, F32(4.0f, 2.0f, -0.0f, -1.0f), B32(0x40000000, 0x3fb504f3, 0x80000000, NAN32));
  E2(f64x2_add, F64(0x1p53, -0.0), F64(1.0, 0.0), F64(0x1p53, 0.0));
  E2(f64x2_sub, F64(0.1, INFINITY), F64(0.3, INFINITY), I64(0xbfc9999999999999u, NAN64));
  E2(f64x2_mul, F64(0.1, 0x1p-1074), F64(3.0, 0.5), I64(0x3fd3333333333334u, 0));
  E2(f64x2_div, F64(1.0, -0.0), F64(3.0, 0.0), I64(0x3fd5555555555555u, NAN64));
  E1(f64x2_sqrt, F64(2.0, -INFINITY), I64(0x3ff6a09e667f3bcdu, NAN64));

  // min/max: NaN wins (quieted), -0 < +0; pmin/pmax: b < a ? b : a.
  wd_v128_t ma = B32(0x80000000, 0x00000000, 0x7fa00001, 0x3f800000);
  wd_v128_t mb = B32(0x00000000, 0x80000000, 0x3f800000, 0xff800001);
  E2(f32x4_min, ma, mb, B32(0x80000000, 0x80000000, 0x7fe00001, 0xffc00001));
  E2(f32x4_max, ma, mb, B32(0, 0, 0x7fe00001, 0xffc00001));
  E2(f32x4_relaxed_min, ma, mb, B32(0x80000000, 0x80000000, 0x7fe00001, 0xffc00001));
  E2(f32x4_relaxed_max, ma, mb, B32(0, 0, 0x7fe00001, 0xffc00001));
  E2(f32x4_pmin, ma, mb, B32(0x80000000, 0, 0x7fa00001, 0x3f800000));
  E2(f32x4_pmax, ma, mb, B32(0x80000000, 0, 0x7fa00001, 0x3f800000));
  E2(f32x4_pmin, F32(1.0f, -1.0f, 2.0f, 2.0f), F32(-1.0f, 1.0f, 2.0f, -INFINITY),
     F32(-1.0f, -1.0f, 2.0f, -INFINITY));
  E2(f32x4_pmax, F32(1.0f, -1.0f, 2.0f, 2.0f), F32(-1.0f, 1.0f, 2.0f, INFINITY),
     F32(1.0f, 1.0f, 2.0f, INFINITY));
  E2(f32x4_min, F32(1.0f, -1.0f, -INFINITY, 5.0f), F32(-1.0f, 1.0f, 0.0f, 5.0f),
     F32(-1.0f, -1.0f, -INFINITY, 5.0f));
  E2(f32x4_max, F32(1.0f, -1.0f, -INFINITY, 5.0f), F32(-1.0f, 1.0f, 0.0f, 5.0f),
     F32(1.0f, 1.0f, 0.0f, 5.0f));
  E2(f64x2_min, I64(0, 0x7ff0000000000001u), I64(0x8000000000000000u, 0),
     I64(0x8000000000000000u, 0x7ff8000000000001u));
  E2(f64x2_max, I64(0, 0x7ff0000000000001u), I64(0x8000000000000000u, 0),
     I64(0, 0x7ff8000000000001u));
  E2(f64x2_relaxed_min, F64(1.0, -2.0), F64(-1.0, 3.0), F64(-1.0, -2.0));
  E2(f64x2_relaxed_max, F64(1.0, -2.0), F64(-1.0, 3.0), F64(1.0, 3.0));
  E2(f64x2_pmin, I64(0, NAN64), I64(0x8000000000000000u, 0), I64(0, NAN64));
  E2(f64x2_pmax, I64(0x8000000000000000u, 0x3ff0000000000000u), I64(0, NAN64),
     I64(0x8000000000000000u, 0x3ff0000000000000u));
  E2(f64x2_pmin, F64(2.0, -2.0), F64(1.0, -1.0), F64(1.0, -2.0));
  E2(f64x2_pmax, F64(2.0, -2.0), F64(1.0, -1.0), F64(2.0, -1.0));

  // Rounding.
  E1(f32x4_ceil, F32(-0.5f, 0.5f, -1.5f, 0x1p23f + 1.0f), F32(-0.0f, 1.0f, -1.0f, 0x1p23f + 1.0f));
  E1(f32x4_floor, F32(-0.5f, 0.5f, -1.5f, -0.0f), F32(-1.0f, 0.0f, -2.0f, -0.0f));
  E1(f32x4_trunc, F32(-0.5f, 0.7f, -1.5f, 8388607.5f), F32(-0.0f, 0.0f, -1.0f, 8388607.0f));
  E1(f32x4_nearest, F32(-0.5f, 2.5f, -3.5f, 8388607.5f), F32(-0.0f, 2.0f, -4.0f, 8388608.0f));
  E1(f32x4_nearest, B32(0x7fa00000, 0xff800000, 0x3effffff, 0xbf400000),
     B32(0x7fe00000, 0xff800000, 0, 0xbf800000));
  E1(f32x4_ceil, B32(0xffa00001, 0x7f800000, 0x00000001, 0x80000001),
     B32(0xffe00001, 0x7f800000, 0x3f800000, 0x80000000));
  E1(f32x4_floor, B32(0x7fa00001, 0xff7fffff, 0x00000001, 0x80000001),
     B32(0x7fe00001, 0xff7fffff, 0, 0xbf800000));
  E1(f32x4_trunc, B32(0x7fa00001, 0x4effffff, 0xcf000000, 0xbf7fffff),
     B32(0x7fe00001, 0x4effffff, 0xcf000000, 0x80000000));
  E1(f64x2_ceil, F64(-0.5, 4503599627370495.5), F64(-0.0, 4503599627370496.0));
  E1(f64x2_floor, F64(-0.5, 4503599627370495.5), F64(-1.0, 4503599627370495.0));
  E1(f64x2_trunc, F64(-1.9, 1.9), F64(-1.0, 1.0));
  E1(f64x2_nearest, F64(2.5, -4503599627370495.5), F64(2.0, -4503599627370496.0));
  E1(f64x2_nearest, I64(0x7ff4000000000000u, 0x8000000000000001u),
     I64(0x7ffc000000000000u, 0x8000000000000000u));
  E1(f64x2_ceil, I64(0xfff4000000000000u, 0x0000000000000001u),
     I64(0xfffc000000000000u, 0x3ff0000000000000u));

  // Conversions.
  E1(f32x4_convert_i32x4_s, I32(0x80000000, 0x7fffffff, -1, 16777217),
     F32(-0x1p31f, 0x1p31f, -1.0f, 16777216.0f));
  E1(f32x4_convert_i32x4_s, I32(16777219, -16777219, 0x7fffffbf, 0x7fffffc0),
     F32(16777220.0f, -16777220.0f, 2147483520.0f, 0x1p31f));
  E1(f32x4_convert_i32x4_u, I32(0x80000000, 0xffffffff, 16777217, 0xffffff7f),
     F32(0x1p31f, 0x1p32f, 16777216.0f, 4294967040.0f));
  E1(f32x4_convert_i32x4_u, I32(0xffffff80, 0x80000080, 0x80000081, 0),
     F32(0x1p32f, 0x1p31f, 2147483904.0f, 0.0f));
  E1(f64x2_convert_low_i32x4_s, I32(0x80000000, -1, 5, 5), F64(-2147483648.0, -1.0));
  E1(f64x2_convert_low_i32x4_u, I32(0x80000000, -1, 5, 5), F64(2147483648.0, 4294967295.0));
  E1(i32x4_trunc_sat_f32x4_s, B32(0x7fc00000, 0x4f000000, 0xcf000001, 0xbf7fffff),
     I32(0, 0x7fffffff, 0x80000000, 0));
  E1(i32x4_trunc_sat_f32x4_s, F32(-2147483520.0f, 2147483520.0f, -1.5f, INFINITY),
     I32(-2147483520, 2147483520, -1, 0x7fffffff));
  E1(i32x4_trunc_sat_f32x4_u, B32(0x7fc00000, 0x4f800000, 0xbf7fffff, 0xbf800000),
     I32(0, 0xffffffff, 0, 0));
  E1(i32x4_trunc_sat_f32x4_u, F32(4294967040.0f, 0x1p31f, 2147483520.0f, 1.9f),
     I32(0xffffff00, 0x80000000, 2147483520, 1));
  E1(i32x4_trunc_sat_f64x2_s_zero, F64(2147483647.9, -2147483648.9),
     I32(0x7fffffff, 0x80000000, 0, 0));
  E1(i32x4_trunc_sat_f64x2_s_zero, I64(NAN64, 0xc1e0000000200000u), I32(0, 0x80000000, 0, 0));
  E1(i32x4_trunc_sat_f64x2_s_zero, F64(-1.9, 1e300), I32(-1, 0x7fffffff, 0, 0));
  E1(i32x4_trunc_sat_f64x2_u_zero, F64(4294967295.9, -0.9), I32(0xffffffff, 0, 0, 0));
  E1(i32x4_trunc_sat_f64x2_u_zero, F64(4294967296.0, 2147483648.5),
     I32(0xffffffff, 0x80000000, 0, 0));
  E1(i32x4_trunc_sat_f64x2_u_zero, I64(0xfff8000000000000u, 0x3ff0000000000001u), I32(0, 1, 0, 0));
  E1(i32x4_relaxed_trunc_f32x4_s, B32(0x7fc00000, 0x4f000000, 0xcf000001, 0x3fc00000),
     I32(0, 0x7fffffff, 0x80000000, 1));
  E1(i32x4_relaxed_trunc_f32x4_u, B32(0x7fc00000, 0x4f800000, 0xbf800000, 0x3fc00000),
     I32(0, 0xffffffff, 0, 1));
  E1(i32x4_relaxed_trunc_f64x2_s_zero, I64(NAN64, 0x41e0000000000000u), I32(0, 0x7fffffff, 0, 0));
  E1(i32x4_relaxed_trunc_f64x2_u_zero, I64(NAN64, 0x41f0000000000000u), I32(0, 0xffffffff, 0, 0));
  E1(f32x4_demote_f64x2_zero, I64(0x7ff4000000000001u, 0xfff8000000000000u),
     B32(0x7fe00000, 0xffc00000, 0, 0));
  E1(f32x4_demote_f64x2_zero, I64(0x47efffffefffffffu, 0x47effffff0000000u),
     B32(0x7f7fffff, 0x7f800000, 0, 0)); // FLT_MAX + half an ulp rounds to infinity
  E1(f32x4_demote_f64x2_zero, I64(0x3690000000000000u, 0x3690000000000001u),
     B32(0, 1, 0, 0)); // half the smallest denormal: tie to 0; just above: rounds up
  E1(f32x4_demote_f64x2_zero, F64(0.1, -1e300), B32(0x3dcccccd, 0xff800000, 0, 0));
  E1(f64x2_promote_low_f32x4, B32(0x7fa00001, 0xffc00000, 1, 1),
     I64(0x7ffc000020000000u, 0xfff8000000000000u));
  E1(f64x2_promote_low_f32x4, B32(0x00000001, 0xff7fffff, 9, 9),
     I64(0x36a0000000000000u, 0xc7efffffe0000000u));

  // Relaxed: madd unfused (two roundings), dot signed x signed.
  // (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46; minus (1 + 2^-22): unfused gives 0,
  // fused would give 2^-46.
  wd_v128_t one_ulp = F32(1.0f + 0x1p-23f, 1.0f, 2.0f, -1.0f);
  E3(f32x4_relaxed_madd, one_ulp, one_ulp, F32(-(1.0f + 0x1p-22f), 1.0f, 3.0f, 1.0f),
     F32(0.0f, 2.0f, 7.0f, 2.0f));
  E3(f32x4_relaxed_nmadd, one_ulp, one_ulp, F32(1.0f + 0x1p-22f, 1.0f, 3.0f, 1.0f),
     F32(0.0f, 0.0f, -1.0f, 0.0f));
  wd_v128_t d_ulp = F64(1.0 + 0x1p-52, 3.0);
  E3(f64x2_relaxed_madd, d_ulp, d_ulp, F64(-(1.0 + 0x1p-51), 1.0), F64(0.0, 10.0));
  E3(f64x2_relaxed_nmadd, d_ulp, d_ulp, F64(1.0 + 0x1p-51, 1.0), F64(0.0, -8.0));
  E3(f32x4_relaxed_madd, F32(INFINITY, 0.0f, 1.0f, 1e38f), F32(0.0f, 5.0f, 1.0f, 10.0f),
     F32(1.0f, -0.0f, -1.0f, -1.0f), B32(NAN32, 0, 0, 0x7f800000));
  E2(i16x8_relaxed_dot_i8x16_i7x16_s, seq, seq, I16(1, 13, 41, 85, 145, 221, 313, 421));
  E2(i16x8_relaxed_dot_i8x16_i7x16_s,
     I8(-128, -128, 127, 127, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(127, 127, 127, 127, -127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I16(-32512, 32258, 32512, 0, 0, 0, 0, 0));
  E2(i16x8_relaxed_dot_i8x16_i7x16_s, I8(-128, -128, -128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
     I16(32767, 128, 0, 0, 0, 0, 0, 0)); // 32768 saturates
  E3(i32x4_relaxed_dot_i8x16_i7x16_add_s, seq, seq, I32(0, 1, 2, 3), I32(14, 127, 368, 737));
  E3(i32x4_relaxed_dot_i8x16_i7x16_add_s,
     I8(-128, -128, -128, -128, 127, 127, 127, 127, -128, -128, -128, -128, 0, 0, 0, 0),
     I8(127, 127, 127, 127, 127, 127, 127, 127, -127, -127, -127, -127, 0, 0, 0, 0),
     I32(1, 2, 3, 0x7fffffff), I32(-65023, 64518, 65027, 0x7fffffff));
  E3(i32x4_relaxed_dot_i8x16_i7x16_add_s,
     I8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
     I8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), I32(0, 0, 0, 0x7fffffff),
     I32(65534, 0, 0, 0x80000000));
}

// ---------------------------------------------------------------------------
// 4. V8's results.
// ---------------------------------------------------------------------------

typedef struct golden {
  const char *name;
  unsigned imm;
  const char *a, *b, *c; // 32 hex digits, byte 0 first
  uint64_t x;
  const char *r;
  int float_nan; // V8 may give other NaNs (canonical ones, say) in float lanes
} golden;

static const golden k_golden[] = {
#include "simd_golden.inc"
};

static unsigned hex_digit(char ch) {
  return ch >= 'a' ? (unsigned)(ch - 'a' + 10) : (unsigned)(ch - '0');
}

static wd_v128_t from_hex(const char *s) {
  wd_v128_t v;
  for (unsigned i = 0; i < 16; i++)
    v.u8[i] = (uint8_t)(hex_digit(s[2 * i]) << 4 | hex_digit(s[2 * i + 1]));
  return v;
}

static void check_golden(void) {
  unsigned long before = g_failed;
  unsigned n = (unsigned)(sizeof k_golden / sizeof k_golden[0]);
  for (unsigned i = 0; i < n; i++) {
    const golden *g = &k_golden[i];
    wd_v128_t a = from_hex(g->a), b = from_hex(g->b), c = from_hex(g->c), want = from_hex(g->r);
    int nan = !g->float_nan ? -1 : strncmp(g->name, "f32x4", 5) == 0 ? SIMD_NAN32 : SIMD_NAN64;
    expect_nan((int)i, g->name, a, b, c, g->x, g->imm, want, nan);
  }
  printf("V8 results (golden case numbers as lines): %u cases on %u builds, %lu failures\n", n,
         g_ntables, g_failed - before);
}

// ---------------------------------------------------------------------------
// Every instruction the decoder knows (src/ir/simd_ops.def, where it exists)
// has its operation: all but v128.load and v128.store, which the interpreter
// does with wd_v_load / wd_v_store.
// ---------------------------------------------------------------------------

#if defined(__has_include)
#if __has_include("ir/simd_ops.def")
#define SIMD_HAVE_DEF 1
#endif
#endif
#ifndef SIMD_HAVE_DEF
#define SIMD_HAVE_DEF 0
#endif

#if SIMD_HAVE_DEF
static const char *const k_def_names[] = {
#define WD_SIMD(NAME, LNAME, TEXT, ...) TEXT,
#include "ir/simd_ops.def"
#undef WD_SIMD
};

static void check_def(const simd_table *t) {
  unsigned n = (unsigned)(sizeof k_def_names / sizeof k_def_names[0]), missing = 0;
  for (unsigned i = 0; i < n; i++) {
    const char *text = k_def_names[i];
    char name[64];
    if (strcmp(text, "v128.load") == 0 || strcmp(text, "v128.store") == 0)
      continue;
    // v128.load8x8_s -> load8x8_s, i8x16.add -> i8x16_add.
    if (strncmp(text, "v128.load", 9) == 0 || strncmp(text, "v128.store", 10) == 0)
      snprintf(name, sizeof name, "%s", text + 5);
    else
      snprintf(name, sizeof name, "%s", text);
    char *dot = strchr(name, '.');
    if (dot)
      *dot = '_';
    if (find_op(t, name)) {
      pass();
    } else {
      g_failed++;
      missing++;
      printf("FAIL: %s (simd_ops.def) has no operation %s\n", text, name);
    }
  }
  printf("simd_ops.def: %u instructions, %u without an operation\n", n, missing);
}
#endif

// ---------------------------------------------------------------------------

int main(void) {
  g_tables[g_ntables++] = simd_table_native();
  g_tables[g_ntables++] = simd_table_portable();
  simd_table sse41 = simd_table_sse41();
  if (sse41.count && HAVE_CPU_SSE41())
    g_tables[g_ntables++] = sse41;
  printf("builds:");
  for (unsigned t = 0; t < g_ntables; t++)
    printf(" %s", g_tables[t].path);
  printf("\n");

  // The tables: the 234 non-memory-access instructions of WebAssembly 2.0
  // (all 236 but v128.load and v128.store) and the 20 relaxed ones, each
  // once, in every build.
  for (unsigned t = 0; t < g_ntables; t++) {
    bool ok = g_tables[t].count == 254;
    for (unsigned i = 0; i < g_tables[t].count; i++)
      for (unsigned j = 0; j < i; j++)
        ok = ok && strcmp(g_tables[t].ops[i].name, g_tables[t].ops[j].name) != 0;
    if (ok) {
      pass();
    } else {
      g_failed++;
      printf("FAIL: the %s table has %u operations or duplicates\n", g_tables[t].path,
             g_tables[t].count);
    }
  }

#if SIMD_HAVE_DEF
  check_def(&g_tables[0]);
#endif
  expected_values();
  check_golden();
  for (unsigned t = 0; t < g_ntables; t++)
    check_nans(&g_tables[t]);
  compare_builds(&g_tables[0], &g_tables[1]);
  if (g_ntables > 2)
    compare_builds(&g_tables[2], &g_tables[1]);

  printf("%lu passed, %lu failed\n", g_passed, g_failed);
  return g_failed != 0;
}
