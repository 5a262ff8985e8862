// SPDX-License-Identifier: Apache-2.0
// Unit test for src/interp/numeric.h: exact WebAssembly numeric semantics.
// Every check compares against an exact bit pattern or trap code; the edge
// cases come from the spec's conversions, float_misc, f32, f64, i32, i64,
// float_exprs and int_exprs tests. Operands go through volatile objects so
// that the compiler cannot fold the operations at compile time (constant
// folding is not what the interpreter will run).
#include "interp/numeric.h"

#include <inttypes.h>
#include <stdio.h>

static int g_passed, g_failed;

static void report(bool ok, int line, const char *what, uint64_t got, uint64_t want) {
  if (ok) {
    g_passed++;
    return;
  }
  g_failed++;
  printf("FAIL line %d: %s: got 0x%" PRIx64 ", want 0x%" PRIx64 "\n", line, what, got, want);
}

// Opaque operands.
static uint32_t O32(uint32_t x) {
  volatile uint32_t v = x;
  return v;
}
static uint64_t O64(uint64_t x) {
  volatile uint64_t v = x;
  return v;
}
static float F(uint32_t bits) { return wd_num_f32_from_bits(O32(bits)); }
static double D(uint64_t bits) { return wd_num_f64_from_bits(O64(bits)); }
static float FV(float x) {
  volatile float v = x;
  return v;
}
static double DV(double x) {
  volatile double v = x;
  return v;
}

#define EQ32(expr, want)                                                                           \
  report((uint32_t)(expr) == (uint32_t)(want), __LINE__, #expr, (uint32_t)(expr), (uint32_t)(want))
#define EQ64(expr, want)                                                                           \
  report((uint64_t)(expr) == (uint64_t)(want), __LINE__, #expr, (uint64_t)(expr), (uint64_t)(want))
#define EQF(expr, want) EQ32(wd_num_f32_bits(expr), want)
#define EQD(expr, want) EQ64(wd_num_f64_bits(expr), want)

// nan:canonical: any sign, quiet bit only. nan:arithmetic: any sign, quiet bit set.
static bool canon32(uint32_t b) { return (b & 0x7fffffffu) == 0x7fc00000u; }
static bool arith32(uint32_t b) { return (b & 0x7fc00000u) == 0x7fc00000u; }
static bool canon64(uint64_t b) { return (b & 0x7fffffffffffffffu) == 0x7ff8000000000000u; }
static bool arith64(uint64_t b) { return (b & 0x7ff8000000000000u) == 0x7ff8000000000000u; }
#define CANONF(expr)                                                                               \
  report(canon32(wd_num_f32_bits(expr)), __LINE__, #expr " canonical", wd_num_f32_bits(expr),      \
         0x7fc00000u)
#define ARITHF(expr)                                                                               \
  report(arith32(wd_num_f32_bits(expr)), __LINE__, #expr " arithmetic", wd_num_f32_bits(expr),     \
         0x7fc00000u)
#define CANOND(expr)                                                                               \
  report(canon64(wd_num_f64_bits(expr)), __LINE__, #expr " canonical", wd_num_f64_bits(expr),      \
         0x7ff8000000000000u)
#define ARITHD(expr)                                                                               \
  report(arith64(wd_num_f64_bits(expr)), __LINE__, #expr " arithmetic", wd_num_f64_bits(expr),     \
         0x7ff8000000000000u)

// Trapping operators: code and result (the result is only checked, and must
// be left untouched, when a trap is expected: `out` starts as a sentinel).
#define SENT32 0xa5a5a5a5u
#define SENT64 UINT64_C(0xa5a5a5a5a5a5a5a5)
#define TRAP32(call, a, b, code, want)                                                             \
  do {                                                                                             \
    uint32_t r_ = SENT32;                                                                          \
    int c_ = call((a), (b), &r_);                                                                  \
    report(c_ == (code), __LINE__, #call " code", (uint64_t)c_, (uint64_t)(code));                 \
    EQ32(r_, (code) == WD_NUM_OK ? (uint32_t)(want) : SENT32);                                     \
  } while (0)
#define TRAP64(call, a, b, code, want)                                                             \
  do {                                                                                             \
    uint64_t r_ = SENT64;                                                                          \
    int c_ = call((a), (b), &r_);                                                                  \
    report(c_ == (code), __LINE__, #call " code", (uint64_t)c_, (uint64_t)(code));                 \
    EQ64(r_, (code) == WD_NUM_OK ? (uint64_t)(want) : SENT64);                                     \
  } while (0)
#define CONV32(call, x, code, want)                                                                \
  do {                                                                                             \
    uint32_t r_ = SENT32;                                                                          \
    int c_ = call((x), &r_);                                                                       \
    report(c_ == (code), __LINE__, #call "(" #x ") code", (uint64_t)c_, (uint64_t)(code));         \
    EQ32(r_, (code) == WD_NUM_OK ? (uint32_t)(want) : SENT32);                                     \
  } while (0)
#define CONV64(call, x, code, want)                                                                \
  do {                                                                                             \
    uint64_t r_ = SENT64;                                                                          \
    int c_ = call((x), &r_);                                                                       \
    report(c_ == (code), __LINE__, #call "(" #x ") code", (uint64_t)c_, (uint64_t)(code));         \
    EQ64(r_, (code) == WD_NUM_OK ? (uint64_t)(want) : SENT64);                                     \
  } while (0)

#define OK WD_NUM_OK
#define DIV0 WD_NUM_DIV_ZERO
#define OVF WD_NUM_OVERFLOW
#define BADC WD_NUM_BAD_CONVERSION

// Frequently used bit patterns.
#define F_NAN 0x7fc00000u  // canonical NaN
#define F_NNAN 0xffc00000u // negative canonical NaN
#define F_SNAN 0x7fa00000u // signalling NaN (nan:0x200000)
#define F_NSNAN 0xffa00000u
#define F_INF 0x7f800000u
#define F_NINF 0xff800000u
#define F_PZ 0x00000000u
#define F_NZ 0x80000000u
#define D_NAN UINT64_C(0x7ff8000000000000)
#define D_NNAN UINT64_C(0xfff8000000000000)
#define D_SNAN UINT64_C(0x7ff4000000000000) // nan:0x4000000000000
#define D_NSNAN UINT64_C(0xfff4000000000000)
#define D_INF UINT64_C(0x7ff0000000000000)
#define D_NINF UINT64_C(0xfff0000000000000)
#define D_PZ UINT64_C(0)
#define D_NZ UINT64_C(0x8000000000000000)

// ---------------------------------------------------------------------------
// Integer operators (spec 4.3.2).
// ---------------------------------------------------------------------------

static void test_int_arith(void) {
  // iadd/isub/imul wrap.
  EQ32(wd_num_i32_add(O32(0x7fffffff), 1), 0x80000000u);
  EQ32(wd_num_i32_add(O32(0xffffffff), 1), 0);
  EQ32(wd_num_i32_sub(O32(0x80000000), 1), 0x7fffffffu);
  EQ32(wd_num_i32_sub(O32(0), 1), 0xffffffffu);
  EQ32(wd_num_i32_mul(O32(0x01234567), 0x76543210u), 0x358e7470u);
  EQ32(wd_num_i32_mul(O32(0x80000000), 0xffffffffu), 0x80000000u);
  EQ32(wd_num_i32_mul(O32(0x7fffffff), 0xffffffffu), 0x80000001u);
  EQ64(wd_num_i64_add(O64(0x7fffffffffffffff), 1), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_sub(O64(0x8000000000000000), 1), UINT64_C(0x7fffffffffffffff));
  EQ64(wd_num_i64_mul(O64(0x0123456789abcdef), UINT64_C(0xfedcba9876543210)),
       UINT64_C(0x2236d88fe5618cf0));
  EQ64(wd_num_i64_mul(O64(0x8000000000000000), UINT64_MAX), UINT64_C(0x8000000000000000));

  // idiv_s: truncation toward zero, both traps.
  TRAP32(wd_num_i32_div_s, O32(0x80000000), 0xffffffffu, OVF, 0);
  TRAP32(wd_num_i32_div_s, O32(1), 0, DIV0, 0);
  TRAP32(wd_num_i32_div_s, O32(0), 0, DIV0, 0);
  TRAP32(wd_num_i32_div_s, O32(0x80000000), 0, DIV0, 0);
  TRAP32(wd_num_i32_div_s, O32(0x80000000), 2, OK, 0xc0000000u);
  TRAP32(wd_num_i32_div_s, O32(0x80000001), 1000, OK, 0xffdf3b65u);
  TRAP32(wd_num_i32_div_s, O32((uint32_t)-7), 2, OK, (uint32_t)-3);
  TRAP32(wd_num_i32_div_s, O32(7), (uint32_t)-2, OK, (uint32_t)-3);
  TRAP32(wd_num_i32_div_s, O32((uint32_t)-7), (uint32_t)-2, OK, 3);
  TRAP32(wd_num_i32_div_s, O32((uint32_t)-11), 2, OK,
         (uint32_t)-5); // int_exprs: not an arithmetic shift
  TRAP32(wd_num_i32_div_s, O32(0x7fffffff), 0xffffffffu, OK, 0x80000001u);
  TRAP64(wd_num_i64_div_s, O64(0x8000000000000000), UINT64_MAX, OVF, 0);
  TRAP64(wd_num_i64_div_s, O64(1), 0, DIV0, 0);
  TRAP64(wd_num_i64_div_s, O64(0x8000000000000000), 0, DIV0, 0);
  TRAP64(wd_num_i64_div_s, O64(0x8000000000000000), 2, OK, UINT64_C(0xc000000000000000));
  TRAP64(wd_num_i64_div_s, O64((uint64_t)-7), 2, OK, (uint64_t)-3);
  TRAP64(wd_num_i64_div_s, O64((uint64_t)-7), (uint64_t)-2, OK, 3);
  TRAP64(wd_num_i64_div_s, O64(0x8000000000000001), 1000, OK, UINT64_C(0xffdf3b645a1cac09));

  // idiv_u.
  TRAP32(wd_num_i32_div_u, O32(1), 0, DIV0, 0);
  TRAP32(wd_num_i32_div_u, O32(0x80000000), 0xffffffffu, OK, 0);
  TRAP32(wd_num_i32_div_u, O32(0x80000000), 2, OK, 0x40000000u);
  TRAP32(wd_num_i32_div_u, O32(0xffffffff), 0xffffffffu, OK, 1);
  TRAP32(wd_num_i32_div_u, O32(0x8ff00ff0), 0x10001u, OK, 0x8fefu);
  TRAP32(wd_num_i32_div_u, O32((uint32_t)-5), 2, OK, 0x7ffffffdu);
  TRAP64(wd_num_i64_div_u, O64(1), 0, DIV0, 0);
  TRAP64(wd_num_i64_div_u, O64(0x8000000000000000), UINT64_MAX, OK, 0);
  TRAP64(wd_num_i64_div_u, O64(0x8ff00ff00ff00ff0), 0x100000001u, OK, UINT64_C(0x8ff00fef));

  // irem_s: INT_MIN % -1 is 0 (no trap), sign follows the dividend.
  TRAP32(wd_num_i32_rem_s, O32(0x80000000), 0xffffffffu, OK, 0);
  TRAP32(wd_num_i32_rem_s, O32(0x7fffffff), 0xffffffffu, OK, 0);
  TRAP32(wd_num_i32_rem_s, O32(5), 0xffffffffu, OK, 0);
  TRAP32(wd_num_i32_rem_s, O32(1), 0, DIV0, 0);
  TRAP32(wd_num_i32_rem_s, O32(0x80000000), 0, DIV0, 0);
  TRAP32(wd_num_i32_rem_s, O32(0x80000000), 2, OK, 0);
  TRAP32(wd_num_i32_rem_s, O32((uint32_t)-7), 2, OK, (uint32_t)-1);
  TRAP32(wd_num_i32_rem_s, O32(7), (uint32_t)-2, OK, 1);
  TRAP32(wd_num_i32_rem_s, O32((uint32_t)-7), (uint32_t)-2, OK, (uint32_t)-1);
  TRAP32(wd_num_i32_rem_s, O32(0x80000001), 1000, OK, (uint32_t)-647);
  TRAP64(wd_num_i64_rem_s, O64(0x8000000000000000), UINT64_MAX, OK, 0);
  TRAP64(wd_num_i64_rem_s, O64(0x7fffffffffffffff), UINT64_MAX, OK, 0);
  TRAP64(wd_num_i64_rem_s, O64(1), 0, DIV0, 0);
  TRAP64(wd_num_i64_rem_s, O64((uint64_t)-7), 2, OK, (uint64_t)-1);
  TRAP64(wd_num_i64_rem_s, O64(0x8000000000000001), 1000, OK, (uint64_t)-807);

  // irem_u.
  TRAP32(wd_num_i32_rem_u, O32(1), 0, DIV0, 0);
  TRAP32(wd_num_i32_rem_u, O32(0x80000000), 0xffffffffu, OK, 0x80000000u);
  TRAP32(wd_num_i32_rem_u, O32(0x8ff00ff0), 0x10001u, OK, 0x8001u);
  TRAP32(wd_num_i32_rem_u, O32((uint32_t)-5), 2, OK, 1);
  TRAP64(wd_num_i64_rem_u, O64(1), 0, DIV0, 0);
  TRAP64(wd_num_i64_rem_u, O64(0x8000000000000000), UINT64_MAX, OK, UINT64_C(0x8000000000000000));
  TRAP64(wd_num_i64_rem_u, O64(0x8ff00ff00ff00ff0), 0x100000001u, OK, UINT64_C(0x80000001));
}

static void test_int_bits(void) {
  EQ32(wd_num_i32_and(O32(0xf0f0ffff), 0xfffff0f0u), 0xf0f0f0f0u);
  EQ32(wd_num_i32_or(O32(0xf0f0ffff), 0xfffff0f0u), 0xffffffffu);
  EQ32(wd_num_i32_xor(O32(0xf0f0ffff), 0xfffff0f0u), 0x0f0f0f0fu);
  EQ64(wd_num_i64_and(O64(0xf0f0ffff), 0xfffff0f0u), 0xf0f0f0f0u);
  EQ64(wd_num_i64_or(O64(0xf0f0ffff00000000), 0xfffff0f0u), UINT64_C(0xf0f0fffffffff0f0));
  EQ64(wd_num_i64_xor(O64(0xffffffffffffffff), 0x8000000000000000u), UINT64_C(0x7fffffffffffffff));

  // Shifts: the count is taken modulo the width.
  EQ32(wd_num_i32_shl(O32(1), 31), 0x80000000u);
  EQ32(wd_num_i32_shl(O32(1), 32), 1);
  EQ32(wd_num_i32_shl(O32(1), 33), 2);
  EQ32(wd_num_i32_shl(O32(1), 0xffffffffu), 0x80000000u);
  EQ32(wd_num_i32_shl(O32(0x7fffffff), 1), 0xfffffffeu);
  EQ32(wd_num_i32_shr_s(O32(0x80000000), 31), 0xffffffffu);
  EQ32(wd_num_i32_shr_s(O32(0x80000000), 32), 0x80000000u);
  EQ32(wd_num_i32_shr_s(O32(0x80000000), 33), 0xc0000000u);
  EQ32(wd_num_i32_shr_s(O32(0xffffffff), 1), 0xffffffffu);
  EQ32(wd_num_i32_shr_s(O32(0x7fffffff), 1), 0x3fffffffu);
  EQ32(wd_num_i32_shr_s(O32(1), 0xffffffffu), 0);
  EQ32(wd_num_i32_shr_s(O32(0xffffffff), 0xffffffffu), 0xffffffffu);
  EQ32(wd_num_i32_shr_s(O32(0x80000000), 0x7fffffffu), 0xffffffffu);
  EQ32(wd_num_i32_shr_u(O32(0x80000000), 31), 1);
  EQ32(wd_num_i32_shr_u(O32(0x80000000), 32), 0x80000000u);
  EQ32(wd_num_i32_shr_u(O32(0x80000000), 33), 0x40000000u);
  EQ32(wd_num_i32_shr_u(O32(0xffffffff), 0xffffffffu), 1);
  EQ64(wd_num_i64_shl(O64(1), 63), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_shl(O64(1), 64), 1);
  EQ64(wd_num_i64_shl(O64(1), 65), 2);
  EQ64(wd_num_i64_shl(O64(1), UINT64_MAX), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_shl(O64(1), 0x8000000000000000u), 1);
  EQ64(wd_num_i64_shr_s(O64(0x8000000000000000), 63), UINT64_MAX);
  EQ64(wd_num_i64_shr_s(O64(0x8000000000000000), 64), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_shr_s(O64(0x8000000000000000), 65), UINT64_C(0xc000000000000000));
  EQ64(wd_num_i64_shr_s(O64(0x7fffffffffffffff), 1), UINT64_C(0x3fffffffffffffff));
  EQ64(wd_num_i64_shr_s(O64(1), UINT64_MAX), 0);
  EQ64(wd_num_i64_shr_u(O64(0x8000000000000000), 63), 1);
  EQ64(wd_num_i64_shr_u(O64(0x8000000000000000), 64), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_shr_u(O64(UINT64_MAX), UINT64_MAX), 1);

  // Rotates, including counts of 0, the width, and beyond.
  EQ32(wd_num_i32_rotl(O32(0xfe00dc00), 4), 0xe00dc00fu);
  EQ32(wd_num_i32_rotl(O32(0xabcd9876), 1), 0x579b30edu);
  EQ32(wd_num_i32_rotl(O32(0x00008000), 37), 0x00100000u);
  EQ32(wd_num_i32_rotl(O32(0x769abcdf), 0x8000000du), 0x579beed3u);
  EQ32(wd_num_i32_rotl(O32(0x12345678), 0), 0x12345678u);
  EQ32(wd_num_i32_rotl(O32(0x12345678), 32), 0x12345678u);
  EQ32(wd_num_i32_rotl(O32(0x80000000), 1), 1);
  EQ32(wd_num_i32_rotr(O32(0xb0c1d2e3), 5), 0x1d860e97u);
  EQ32(wd_num_i32_rotr(O32(0x00008000), 37), 0x00000400u);
  EQ32(wd_num_i32_rotr(O32(0x769abcdf), 0xffffffedu), 0xe6fbb4d5u);
  EQ32(wd_num_i32_rotr(O32(0x12345678), 0), 0x12345678u);
  EQ32(wd_num_i32_rotr(O32(1), 1), 0x80000000u);
  EQ64(wd_num_i64_rotl(O64(0xabcd987602468ace), 1), UINT64_C(0x579b30ec048d159d));
  EQ64(wd_num_i64_rotl(O64(0xfe000000dc000000), 4), UINT64_C(0xe000000dc000000f));
  EQ64(wd_num_i64_rotl(O64(0xabd1234ef567809c), 63), UINT64_C(0x55e891a77ab3c04e));
  EQ64(wd_num_i64_rotl(O64(0xabd1234ef567809c), 0x800000000000003fu), UINT64_C(0x55e891a77ab3c04e));
  EQ64(wd_num_i64_rotl(O64(0x0123456789abcdef), 0), UINT64_C(0x0123456789abcdef));
  EQ64(wd_num_i64_rotl(O64(0x0123456789abcdef), 64), UINT64_C(0x0123456789abcdef));
  EQ64(wd_num_i64_rotr(O64(0xabcd987602468ace), 1), UINT64_C(0x55e6cc3b01234567));
  EQ64(wd_num_i64_rotr(O64(0xabd1234ef567809c), 0x800000000000003fu), UINT64_C(0x57a2469deacf0139));
  EQ64(wd_num_i64_rotr(O64(1), 1), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_rotr(O64(0x0123456789abcdef), 128), UINT64_C(0x0123456789abcdef));

  // clz, ctz, popcnt.
  EQ32(wd_num_i32_clz(O32(0)), 32);
  EQ32(wd_num_i32_clz(O32(1)), 31);
  EQ32(wd_num_i32_clz(O32(0x8000)), 16);
  EQ32(wd_num_i32_clz(O32(0xff)), 24);
  EQ32(wd_num_i32_clz(O32(0x80000000)), 0);
  EQ32(wd_num_i32_clz(O32(0x7fffffff)), 1);
  EQ64(wd_num_i64_clz(O64(0)), 64);
  EQ64(wd_num_i64_clz(O64(1)), 63);
  EQ64(wd_num_i64_clz(O64(0x8000)), 48);
  EQ64(wd_num_i64_clz(O64(0x100000000)), 31);
  EQ64(wd_num_i64_clz(O64(0x8000000000000000)), 0);
  EQ64(wd_num_i64_clz(O64(0x7fffffffffffffff)), 1);
  EQ32(wd_num_i32_ctz(O32(0)), 32);
  EQ32(wd_num_i32_ctz(O32(0x00008000)), 15);
  EQ32(wd_num_i32_ctz(O32(0x00010000)), 16);
  EQ32(wd_num_i32_ctz(O32(0x80000000)), 31);
  EQ32(wd_num_i32_ctz(O32(0xffffffff)), 0);
  EQ64(wd_num_i64_ctz(O64(0)), 64);
  EQ64(wd_num_i64_ctz(O64(0x8000)), 15);
  EQ64(wd_num_i64_ctz(O64(0x100000000)), 32);
  EQ64(wd_num_i64_ctz(O64(0x8000000000000000)), 63);
  EQ64(wd_num_i64_ctz(O64(UINT64_MAX)), 0);
  EQ32(wd_num_i32_popcnt(O32(0)), 0);
  EQ32(wd_num_i32_popcnt(O32(0xffffffff)), 32);
  EQ32(wd_num_i32_popcnt(O32(0x00008000)), 1);
  EQ32(wd_num_i32_popcnt(O32(0x80008000)), 2);
  EQ32(wd_num_i32_popcnt(O32(0xaaaaaaaa)), 16);
  EQ32(wd_num_i32_popcnt(O32(0xdeadbeef)), 24);
  EQ64(wd_num_i64_popcnt(O64(0)), 0);
  EQ64(wd_num_i64_popcnt(O64(UINT64_MAX)), 64);
  EQ64(wd_num_i64_popcnt(O64(0x8000800080008000)), 4);
  EQ64(wd_num_i64_popcnt(O64(0xdeadbeefdeadbeef)), 48);
  EQ64(wd_num_i64_popcnt(O64(0x00000000ffffffff)), 32);

  // Sign extension operators.
  EQ32(wd_num_i32_extend8_s(O32(0x7f)), 0x7fu);
  EQ32(wd_num_i32_extend8_s(O32(0x80)), 0xffffff80u);
  EQ32(wd_num_i32_extend8_s(O32(0x12345680)), 0xffffff80u);
  EQ32(wd_num_i32_extend8_s(O32(0xfedcba7f)), 0x7fu);
  EQ32(wd_num_i32_extend8_s(O32(0xffffffff)), 0xffffffffu);
  EQ32(wd_num_i32_extend8_s(O32(0)), 0);
  EQ32(wd_num_i32_extend16_s(O32(0x7fff)), 0x7fffu);
  EQ32(wd_num_i32_extend16_s(O32(0x8000)), 0xffff8000u);
  EQ32(wd_num_i32_extend16_s(O32(0x12348000)), 0xffff8000u);
  EQ32(wd_num_i32_extend16_s(O32(0xfedc7fff)), 0x7fffu);
  EQ64(wd_num_i64_extend8_s(O64(0x80)), UINT64_C(0xffffffffffffff80));
  EQ64(wd_num_i64_extend8_s(O64(0x0123456789abcd7f)), 0x7fu);
  EQ64(wd_num_i64_extend16_s(O64(0x8000)), UINT64_C(0xffffffffffff8000));
  EQ64(wd_num_i64_extend16_s(O64(0xfedcba9876547fff)), 0x7fffu);
  EQ64(wd_num_i64_extend32_s(O64(0x80000000)), UINT64_C(0xffffffff80000000));
  EQ64(wd_num_i64_extend32_s(O64(0x012345677fffffff)), 0x7fffffffu);
  EQ64(wd_num_i64_extend32_s(O64(0xffffffff)), UINT64_MAX);
  EQ64(wd_num_i64_extend_i32_s(O32(0x80000000)), UINT64_C(0xffffffff80000000));
  EQ64(wd_num_i64_extend_i32_s(O32(0x7fffffff)), 0x7fffffffu);
  EQ64(wd_num_i64_extend_i32_u(O32(0x80000000)), 0x80000000u);
  EQ32(wd_num_i32_wrap_i64(O64(0x0123456789abcdef)), 0x89abcdefu);
  EQ32(wd_num_i32_wrap_i64(O64(0xffffffff00000000)), 0);
}

static void test_int_compare(void) {
  EQ32(wd_num_i32_eqz(O32(0)), 1);
  EQ32(wd_num_i32_eqz(O32(0x80000000)), 0);
  EQ32(wd_num_i64_eqz(O64(0)), 1);
  EQ32(wd_num_i64_eqz(O64(0x100000000)), 0);
  EQ32(wd_num_i32_eq(O32(0x80000000), 0x80000000u), 1);
  EQ32(wd_num_i32_ne(O32(0x80000000), 0x7fffffffu), 1);
  EQ32(wd_num_i32_lt_s(O32(0x80000000), 0x7fffffffu), 1);
  EQ32(wd_num_i32_lt_u(O32(0x80000000), 0x7fffffffu), 0);
  EQ32(wd_num_i32_lt_s(O32(0xffffffff), 0), 1);
  EQ32(wd_num_i32_gt_s(O32(0x7fffffff), 0x80000000u), 1);
  EQ32(wd_num_i32_gt_u(O32(0x7fffffff), 0x80000000u), 0);
  EQ32(wd_num_i32_le_s(O32(0x80000000), 0x80000000u), 1);
  EQ32(wd_num_i32_le_u(O32(0xffffffff), 0), 0);
  EQ32(wd_num_i32_ge_s(O32(0), 0xffffffffu), 1);
  EQ32(wd_num_i32_ge_u(O32(0), 0xffffffffu), 0);
  EQ32(wd_num_i64_eq(O64(0x8000000000000000), UINT64_C(0x8000000000000000)), 1);
  EQ32(wd_num_i64_ne(O64(0x100000000), 0), 1);
  EQ32(wd_num_i64_lt_s(O64(0x8000000000000000), UINT64_C(0x7fffffffffffffff)), 1);
  EQ32(wd_num_i64_lt_u(O64(0x8000000000000000), UINT64_C(0x7fffffffffffffff)), 0);
  EQ32(wd_num_i64_gt_s(O64(0), UINT64_MAX), 1);
  EQ32(wd_num_i64_gt_u(O64(0), UINT64_MAX), 0);
  EQ32(wd_num_i64_le_s(O64(UINT64_MAX), 0), 1);
  EQ32(wd_num_i64_le_u(O64(UINT64_MAX), 0), 0);
  EQ32(wd_num_i64_ge_s(O64(0x7fffffffffffffff), UINT64_C(0x8000000000000000)), 1);
  EQ32(wd_num_i64_ge_u(O64(0x7fffffffffffffff), UINT64_C(0x8000000000000000)), 0);
}

// ---------------------------------------------------------------------------
// Floating-point operators (spec 4.3.3).
// ---------------------------------------------------------------------------

static void test_float_bitcasts(void) {
  // Bit casts keep signalling NaN payloads exactly.
  EQ32(wd_num_i32_reinterpret_f32(F(0x7fa00001)), 0x7fa00001u);
  EQ32(wd_num_i32_reinterpret_f32(F(0xff800001)), 0xff800001u);
  EQ32(wd_num_f32_bits(wd_num_f32_reinterpret_i32(O32(0x7f800001))), 0x7f800001u);
  EQ64(wd_num_i64_reinterpret_f64(D(0x7ff0000000000001)), UINT64_C(0x7ff0000000000001));
  EQ64(wd_num_f64_bits(wd_num_f64_reinterpret_i64(O64(0xfff4000000000001))),
       UINT64_C(0xfff4000000000001));
  EQ32(wd_num_f32_bits(FV(-0.0f)), F_NZ);
  EQ64(wd_num_f64_bits(DV(1.0)), UINT64_C(0x3ff0000000000000));
}

static void test_float_sign(void) {
  // abs/neg/copysign only touch the sign bit (float_misc, f32_bitwise).
  EQF(wd_num_f32_neg(F(F_SNAN)), F_NSNAN);
  EQF(wd_num_f32_neg(F(F_NSNAN)), F_SNAN);
  EQF(wd_num_f32_neg(F(0x7f800001)), 0xff800001u);
  EQF(wd_num_f32_neg(F(F_PZ)), F_NZ);
  EQF(wd_num_f32_neg(F(F_NZ)), F_PZ);
  EQF(wd_num_f32_neg(F(F_INF)), F_NINF);
  EQF(wd_num_f32_abs(F(0xffa00001)), 0x7fa00001u);
  EQF(wd_num_f32_abs(F(F_NNAN)), F_NAN);
  EQF(wd_num_f32_abs(F(F_NZ)), F_PZ);
  EQF(wd_num_f32_abs(F(0x80000001)), 0x00000001u);
  EQF(wd_num_f32_copysign(F(0x7f800001), F(0xbf800000)), 0xff800001u);
  EQF(wd_num_f32_copysign(F(F_NSNAN), F(F_PZ)), F_SNAN);
  EQF(wd_num_f32_copysign(F(0x3f800000), F(F_NNAN)), 0xbf800000u);
  EQF(wd_num_f32_copysign(F(0x3f800000), F(F_NAN)), 0x3f800000u);
  EQF(wd_num_f32_copysign(F(F_PZ), F(F_NZ)), F_NZ);
  EQF(wd_num_f32_copysign(F(F_NINF), F(F_PZ)), F_INF);
  EQD(wd_num_f64_neg(D(D_SNAN)), D_NSNAN);
  EQD(wd_num_f64_neg(D(0x7ff0000000000001)), UINT64_C(0xfff0000000000001));
  EQD(wd_num_f64_neg(D(D_PZ)), D_NZ);
  EQD(wd_num_f64_abs(D(0xfff4000000000001)), UINT64_C(0x7ff4000000000001));
  EQD(wd_num_f64_abs(D(D_NZ)), D_PZ);
  EQD(wd_num_f64_copysign(D(0x7ff0000000000001), D(0xbff0000000000000)),
      UINT64_C(0xfff0000000000001));
  EQD(wd_num_f64_copysign(D(D_NSNAN), D(D_PZ)), D_SNAN);
  EQD(wd_num_f64_copysign(D(0x3ff0000000000000), D(D_NNAN)), UINT64_C(0xbff0000000000000));
  EQD(wd_num_f64_copysign(D(D_PZ), D(D_NZ)), D_NZ);
}

static void test_float_minmax(void) {
  // -0 < +0.
  EQF(wd_num_f32_min(F(F_PZ), F(F_NZ)), F_NZ);
  EQF(wd_num_f32_min(F(F_NZ), F(F_PZ)), F_NZ);
  EQF(wd_num_f32_min(F(F_PZ), F(F_PZ)), F_PZ);
  EQF(wd_num_f32_min(F(F_NZ), F(F_NZ)), F_NZ);
  EQF(wd_num_f32_max(F(F_PZ), F(F_NZ)), F_PZ);
  EQF(wd_num_f32_max(F(F_NZ), F(F_PZ)), F_PZ);
  EQF(wd_num_f32_max(F(F_NZ), F(F_NZ)), F_NZ);
  EQD(wd_num_f64_min(D(D_PZ), D(D_NZ)), D_NZ);
  EQD(wd_num_f64_min(D(D_NZ), D(D_PZ)), D_NZ);
  EQD(wd_num_f64_max(D(D_PZ), D(D_NZ)), D_PZ);
  EQD(wd_num_f64_max(D(D_NZ), D(D_PZ)), D_PZ);
  EQD(wd_num_f64_max(D(D_NZ), D(D_NZ)), D_NZ);
  // Ordinary values and infinities.
  EQF(wd_num_f32_min(F(0x3f800000), F(0xbf800000)), 0xbf800000u);
  EQF(wd_num_f32_max(F(0x3f800000), F(0xbf800000)), 0x3f800000u);
  EQF(wd_num_f32_min(F(F_NINF), F(0xff7fffff)), F_NINF);
  EQF(wd_num_f32_max(F(F_INF), F(0x7f7fffff)), F_INF);
  EQF(wd_num_f32_min(F(0x00000001), F(0x80000001)), 0x80000001u);
  EQF(wd_num_f32_max(F(0x80000001), F(F_NZ)), F_NZ);
  EQD(wd_num_f64_min(D(0x3ff0000000000000), D(0xbff0000000000000)), UINT64_C(0xbff0000000000000));
  EQD(wd_num_f64_max(D(D_NINF), D(0x0000000000000001)), UINT64_C(0x0000000000000001));
  // NaN operands, in either position, give NaN: canonical stays canonical,
  // a signalling NaN comes out quieted with its payload and sign.
  CANONF(wd_num_f32_min(F(F_NAN), F(0x3f800000)));
  CANONF(wd_num_f32_min(F(0x3f800000), F(F_NNAN)));
  CANONF(wd_num_f32_max(F(F_NINF), F(F_NAN)));
  CANONF(wd_num_f32_max(F(F_NNAN), F(F_INF)));
  CANONF(wd_num_f32_min(F(F_NAN), F(F_NNAN)));
  CANONF(wd_num_f32_max(F(F_NZ), F(F_NAN)));
  EQF(wd_num_f32_min(F(F_SNAN), F(0x3f800000)), 0x7fe00000u);
  EQF(wd_num_f32_min(F(0x3f800000), F(F_NSNAN)), 0xffe00000u);
  EQF(wd_num_f32_max(F(F_NSNAN), F(F_NINF)), 0xffe00000u);
  EQF(wd_num_f32_max(F(F_PZ), F(0x7f800001)), 0x7fc00001u);
  ARITHF(wd_num_f32_min(F(F_SNAN), F(F_NAN)));
  ARITHF(wd_num_f32_max(F(F_NAN), F(F_SNAN)));
  CANOND(wd_num_f64_min(D(D_NAN), D(0x3ff0000000000000)));
  CANOND(wd_num_f64_min(D(D_PZ), D(D_NNAN)));
  CANOND(wd_num_f64_max(D(D_NNAN), D(D_INF)));
  CANOND(wd_num_f64_max(D(D_INF), D(D_NAN)));
  EQD(wd_num_f64_min(D(D_SNAN), D(D_NZ)), UINT64_C(0x7ffc000000000000));
  EQD(wd_num_f64_max(D(D_NZ), D(D_NSNAN)), UINT64_C(0xfffc000000000000));
  EQD(wd_num_f64_max(D(0x7ff0000000000001), D(D_PZ)), UINT64_C(0x7ff8000000000001));
  ARITHD(wd_num_f64_max(D(D_SNAN), D(D_NAN)));
}

static void test_float_rounding(void) {
  // nearest: ties to even, sign of zero kept (float_misc).
  EQF(wd_num_f32_nearest(FV(0.5f)), F_PZ);
  EQF(wd_num_f32_nearest(FV(-0.5f)), F_NZ);
  EQF(wd_num_f32_nearest(FV(1.5f)), 0x40000000u);    // 2
  EQF(wd_num_f32_nearest(FV(2.5f)), 0x40000000u);    // 2
  EQF(wd_num_f32_nearest(FV(-2.5f)), 0xc0000000u);   // -2
  EQF(wd_num_f32_nearest(FV(-3.5f)), 0xc0800000u);   // -4
  EQF(wd_num_f32_nearest(FV(4.5f)), 0x40800000u);    // 4
  EQF(wd_num_f32_nearest(FV(-4.5f)), 0xc0800000u);   // -4
  EQF(wd_num_f32_nearest(FV(0x1.fffffep-2f)), F_PZ); // 0.49999997
  EQF(wd_num_f32_nearest(FV(-0x1.fffffep-2f)), F_NZ);
  EQF(wd_num_f32_nearest(FV(0x1.fffffep+22f)), 0x4b000000u); // 8388607.5 -> 2^23
  EQF(wd_num_f32_nearest(FV(-0x1.fffffep+22f)), 0xcb000000u);
  EQF(wd_num_f32_nearest(FV(0x1.000002p+23f)), 0x4b000001u); // integral: unchanged
  EQF(wd_num_f32_nearest(FV(0x1.fffffep+47f)), 0x577fffffu);
  EQF(wd_num_f32_nearest(F(0x00000001)), F_PZ);
  EQF(wd_num_f32_nearest(F(0x80000001)), F_NZ);
  EQF(wd_num_f32_nearest(F(F_NZ)), F_NZ);
  EQF(wd_num_f32_nearest(F(F_NINF)), F_NINF);
  EQD(wd_num_f64_nearest(DV(0.5)), D_PZ);
  EQD(wd_num_f64_nearest(DV(-0.5)), D_NZ);
  EQD(wd_num_f64_nearest(DV(2.5)), UINT64_C(0x4000000000000000));
  EQD(wd_num_f64_nearest(DV(-3.5)), UINT64_C(0xc010000000000000));
  EQD(wd_num_f64_nearest(DV(0x1.fffffffffffffp-2)), D_PZ);
  EQD(wd_num_f64_nearest(DV(0x1.fffffffffffffp+51)), UINT64_C(0x4330000000000000));
  EQD(wd_num_f64_nearest(DV(-0x1.fffffffffffffp+51)), UINT64_C(0xc330000000000000));
  EQD(wd_num_f64_nearest(DV(0x1.0000000000001p+52)), UINT64_C(0x4330000000000001));
  EQD(wd_num_f64_nearest(DV(0x1.fffffffffffffp+105)), UINT64_C(0x468fffffffffffff));
  EQD(wd_num_f64_nearest(D(D_NZ)), D_NZ);
  // ceil / floor / trunc.
  EQF(wd_num_f32_ceil(FV(-0.5f)), F_NZ);
  EQF(wd_num_f32_ceil(FV(0.5f)), 0x3f800000u);
  EQF(wd_num_f32_ceil(F(0x80000001)), F_NZ);
  EQF(wd_num_f32_ceil(FV(-1.5f)), 0xbf800000u);
  EQF(wd_num_f32_ceil(FV(0x1.fffffep+22f)), 0x4b000000u);
  EQF(wd_num_f32_floor(FV(0.5f)), F_PZ);
  EQF(wd_num_f32_floor(FV(-0.5f)), 0xbf800000u);
  EQF(wd_num_f32_floor(F(0x00000001)), F_PZ);
  EQF(wd_num_f32_floor(F(F_NZ)), F_NZ);
  EQF(wd_num_f32_floor(FV(-0x1.fffffep+22f)), 0xcb000000u);
  EQF(wd_num_f32_trunc(FV(-0.9f)), F_NZ);
  EQF(wd_num_f32_trunc(FV(1.9f)), 0x3f800000u);
  EQF(wd_num_f32_trunc(FV(-1.9f)), 0xbf800000u);
  EQF(wd_num_f32_trunc(F(F_INF)), F_INF);
  EQD(wd_num_f64_ceil(DV(-0.5)), D_NZ);
  EQD(wd_num_f64_ceil(DV(0x1.fffffffffffffp+51)), UINT64_C(0x4330000000000000));
  EQD(wd_num_f64_floor(DV(-0.5)), UINT64_C(0xbff0000000000000));
  EQD(wd_num_f64_floor(DV(0x1p-1074)), D_PZ);
  EQD(wd_num_f64_trunc(DV(-0.9)), D_NZ);
  EQD(wd_num_f64_trunc(DV(-0x1.fffffffffffffp+51)), UINT64_C(0xc32ffffffffffffe));
  // NaN in: quiet NaN out, payload kept.
  CANONF(wd_num_f32_nearest(F(F_NAN)));
  CANONF(wd_num_f32_ceil(F(F_NNAN)));
  EQF(wd_num_f32_nearest(F(F_SNAN)), 0x7fe00000u);
  EQF(wd_num_f32_ceil(F(F_NSNAN)), 0xffe00000u);
  EQF(wd_num_f32_floor(F(F_SNAN)), 0x7fe00000u);
  EQF(wd_num_f32_trunc(F(0x7f800001)), 0x7fc00001u);
  CANOND(wd_num_f64_floor(D(D_NAN)));
  CANOND(wd_num_f64_trunc(D(D_NNAN)));
  EQD(wd_num_f64_nearest(D(D_SNAN)), UINT64_C(0x7ffc000000000000));
  EQD(wd_num_f64_ceil(D(D_NSNAN)), UINT64_C(0xfffc000000000000));
  EQD(wd_num_f64_floor(D(0x7ff0000000000001)), UINT64_C(0x7ff8000000000001));
  EQD(wd_num_f64_trunc(D(D_SNAN)), UINT64_C(0x7ffc000000000000));
}

static void test_float_arith(void) {
  // Correct rounding (float_misc).
  EQF(wd_num_f32_add(FV(1.0f), FV(0x1p-24f)), 0x3f800000u); // tie to even: 1.0
  EQF(wd_num_f32_add(FV(1.0f), FV(0x1.000002p-24f)), 0x3f800001u);
  EQF(wd_num_f32_add(F(0x007fffff), F(0x00000001)), 0x00800000u); // subnormals kept
  EQF(wd_num_f32_sub(FV(1.0f), FV(0x1p-25f)), 0x3f800000u);
  EQF(wd_num_f32_mul(FV(0x1p-126f), FV(0x1p-23f)), 0x00000001u);
  EQF(wd_num_f32_mul(FV(0x1p-126f), FV(0x1p-24f)), F_PZ); // tie to even: 0
  EQF(wd_num_f32_div(FV(1.0f), FV(3.0f)), 0x3eaaaaabu);
  EQF(wd_num_f32_div(FV(1.0f), F(F_NZ)), F_NINF);
  EQF(wd_num_f32_mul(FV(0x1p127f), FV(2.0f)), F_INF);
  EQF(wd_num_f32_sqrt(FV(2.0f)), 0x3fb504f3u);
  EQF(wd_num_f32_sqrt(F(F_NZ)), F_NZ);
  EQF(wd_num_f32_sqrt(F(F_INF)), F_INF);
  EQD(wd_num_f64_add(DV(1.0), DV(0x1p-53)), UINT64_C(0x3ff0000000000000));
  EQD(wd_num_f64_add(DV(1.0), DV(0x1.0000000000001p-53)), UINT64_C(0x3ff0000000000001));
  EQD(wd_num_f64_add(DV(1.1234567890), DV(1.2345e-10)), UINT64_C(0x3ff1f9add37c11f7));
  EQD(wd_num_f64_mul(DV(0x1p-1022), DV(0x1p-52)), UINT64_C(1));
  EQD(wd_num_f64_div(DV(1.0), DV(3.0)), UINT64_C(0x3fd5555555555555));
  EQD(wd_num_f64_sub(DV(0.0), DV(0.0)), D_PZ);
  EQD(wd_num_f64_sub(DV(-0.0), DV(0.0)), D_NZ);
  EQD(wd_num_f64_sqrt(DV(2.0)), UINT64_C(0x3ff6a09e667f3bcd));
  EQD(wd_num_f64_sqrt(D(D_NZ)), D_NZ);
  // Invalid operations produce a canonical NaN; NaN operands propagate as
  // arithmetic NaNs (canonical when all NaN operands are canonical).
  CANONF(wd_num_f32_sub(F(F_INF), F(F_INF)));
  CANONF(wd_num_f32_mul(F(F_PZ), F(F_INF)));
  CANONF(wd_num_f32_div(F(F_PZ), F(F_NZ)));
  CANONF(wd_num_f32_sqrt(FV(-1.0f)));
  CANONF(wd_num_f32_add(F(F_NAN), FV(1.0f)));
  CANONF(wd_num_f32_mul(FV(1.0f), F(F_NNAN)));
  ARITHF(wd_num_f32_add(F(F_SNAN), F(F_NZ)));
  ARITHF(wd_num_f32_mul(FV(1.0f), F(F_NSNAN)));
  ARITHF(wd_num_f32_sqrt(F(F_SNAN)));
  CANOND(wd_num_f64_sub(D(D_NINF), D(D_NINF)));
  CANOND(wd_num_f64_div(D(D_INF), D(D_NINF)));
  CANOND(wd_num_f64_sqrt(DV(-0x1p-1074)));
  CANOND(wd_num_f64_add(D(D_NNAN), DV(1.0)));
  ARITHD(wd_num_f64_add(D(D_NZ), D(D_SNAN)));
  ARITHD(wd_num_f64_div(D(D_NSNAN), DV(1.0)));
  ARITHD(wd_num_f64_sqrt(D(D_NSNAN)));

  // Comparisons: NaN is unordered (f32_cmp, f64_cmp); -0 == +0.
  EQ32(wd_num_f32_eq(F(F_NZ), F(F_PZ)), 1);
  EQ32(wd_num_f32_eq(F(F_NAN), F(F_NAN)), 0);
  EQ32(wd_num_f32_ne(F(F_NAN), F(F_NAN)), 1);
  EQ32(wd_num_f32_lt(F(F_NZ), F(F_PZ)), 0);
  EQ32(wd_num_f32_le(F(F_NZ), F(F_PZ)), 1);
  EQ32(wd_num_f32_lt(F(F_NAN), F(F_INF)), 0);
  EQ32(wd_num_f32_gt(F(F_INF), F(F_SNAN)), 0);
  EQ32(wd_num_f32_ge(F(F_INF), F(0x7f7fffff)), 1);
  EQ32(wd_num_f64_eq(D(D_NZ), D(D_PZ)), 1);
  EQ32(wd_num_f64_ne(D(D_SNAN), D(D_SNAN)), 1);
  EQ32(wd_num_f64_lt(D(D_NINF), D(D_NZ)), 1);
  EQ32(wd_num_f64_gt(D(D_NAN), D(D_NINF)), 0);
  EQ32(wd_num_f64_le(D(D_NAN), D(D_NAN)), 0);
  EQ32(wd_num_f64_ge(D(D_PZ), D(D_NZ)), 1);
}

// ---------------------------------------------------------------------------
// Conversions (spec 4.3.4).
// ---------------------------------------------------------------------------

static void test_trunc_trapping(void) {
  // i32.trunc_f32_s: valid iff -2^31 <= x < 2^31.
  CONV32(wd_num_i32_trunc_f32_s, FV(-0x1p31f), OK, 0x80000000u);
  CONV32(wd_num_i32_trunc_f32_s, FV(-0x1.000002p31f), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_s, FV(0x1.fffffep30f), OK, 0x7fffff80u);
  CONV32(wd_num_i32_trunc_f32_s, FV(0x1p31f), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_s, FV(-0.9f), OK, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_NZ), OK, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(0x80000001), OK, 0);
  CONV32(wd_num_i32_trunc_f32_s, FV(-1.9f), OK, 0xffffffffu);
  CONV32(wd_num_i32_trunc_f32_s, FV(1.9f), OK, 1);
  CONV32(wd_num_i32_trunc_f32_s, F(F_INF), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_NINF), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_NAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_NNAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_SNAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f32_s, F(F_NSNAN), BADC, 0);

  // i32.trunc_f32_u: valid iff -1 < x < 2^32.
  CONV32(wd_num_i32_trunc_f32_u, FV(-0x1.fffffep-1f), OK, 0);
  CONV32(wd_num_i32_trunc_f32_u, FV(-1.0f), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_u, F(F_NZ), OK, 0);
  CONV32(wd_num_i32_trunc_f32_u, FV(0x1.fffffep31f), OK, 0xffffff00u);
  CONV32(wd_num_i32_trunc_f32_u, FV(0x1p32f), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_u, FV(0x1p31f), OK, 0x80000000u);
  CONV32(wd_num_i32_trunc_f32_u, FV(1.9f), OK, 1);
  CONV32(wd_num_i32_trunc_f32_u, F(F_INF), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_u, F(F_NINF), OVF, 0);
  CONV32(wd_num_i32_trunc_f32_u, F(F_NAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f32_u, F(F_NSNAN), BADC, 0);

  // i32.trunc_f64_s: valid iff -2147483649 < x < 2147483648.
  CONV32(wd_num_i32_trunc_f64_s, DV(-2147483648.0), OK, 0x80000000u);
  CONV32(wd_num_i32_trunc_f64_s, DV(-2147483648.9), OK, 0x80000000u);
  CONV32(wd_num_i32_trunc_f64_s, DV(-0x1.00000001fffffp31), OK, 0x80000000u); // -2147483648.9999995
  CONV32(wd_num_i32_trunc_f64_s, DV(-2147483649.0), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_s, DV(2147483647.0), OK, 0x7fffffffu);
  CONV32(wd_num_i32_trunc_f64_s, DV(2147483647.9), OK, 0x7fffffffu);
  CONV32(wd_num_i32_trunc_f64_s, DV(0x1.fffffffffffffp30), OK, 0x7fffffffu);
  CONV32(wd_num_i32_trunc_f64_s, DV(2147483648.0), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_s, DV(-0.9), OK, 0);
  CONV32(wd_num_i32_trunc_f64_s, DV(-1.9), OK, 0xffffffffu);
  CONV32(wd_num_i32_trunc_f64_s, D(D_INF), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_s, D(D_NINF), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_s, D(D_NAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f64_s, D(D_NSNAN), BADC, 0);

  // i32.trunc_f64_u: valid iff -1 < x < 2^32.
  CONV32(wd_num_i32_trunc_f64_u, DV(-0x1.fffffffffffffp-1), OK, 0);
  CONV32(wd_num_i32_trunc_f64_u, DV(-1.0), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_u, D(D_NZ), OK, 0);
  CONV32(wd_num_i32_trunc_f64_u, DV(4294967295.0), OK, 0xffffffffu);
  CONV32(wd_num_i32_trunc_f64_u, DV(4294967295.9), OK, 0xffffffffu);
  CONV32(wd_num_i32_trunc_f64_u, DV(4294967296.0), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_u, DV(1e16), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_u, DV(2147483648.0), OK, 0x80000000u);
  CONV32(wd_num_i32_trunc_f64_u, D(D_INF), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_u, D(D_NINF), OVF, 0);
  CONV32(wd_num_i32_trunc_f64_u, D(D_NAN), BADC, 0);
  CONV32(wd_num_i32_trunc_f64_u, D(D_SNAN), BADC, 0);

  // i64.trunc_f32_s: valid iff -2^63 <= x < 2^63.
  CONV64(wd_num_i64_trunc_f32_s, FV(-0x1p63f), OK, UINT64_C(0x8000000000000000));
  CONV64(wd_num_i64_trunc_f32_s, FV(-0x1.000002p63f), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_s, FV(0x1.fffffep62f), OK, UINT64_C(0x7fffff8000000000));
  CONV64(wd_num_i64_trunc_f32_s, FV(0x1p63f), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_s, FV(-0.9f), OK, 0);
  CONV64(wd_num_i64_trunc_f32_s, FV(-1.9f), OK, UINT64_MAX);
  CONV64(wd_num_i64_trunc_f32_s, FV(4294967296.0f), OK, UINT64_C(0x100000000));
  CONV64(wd_num_i64_trunc_f32_s, F(F_INF), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_s, F(F_NINF), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_s, F(F_NAN), BADC, 0);
  CONV64(wd_num_i64_trunc_f32_s, F(F_NSNAN), BADC, 0);

  // i64.trunc_f32_u: valid iff -1 < x < 2^64.
  CONV64(wd_num_i64_trunc_f32_u, FV(-0x1.fffffep-1f), OK, 0);
  CONV64(wd_num_i64_trunc_f32_u, FV(-1.0f), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_u, FV(0x1.fffffep63f), OK, UINT64_C(0xffffff0000000000));
  CONV64(wd_num_i64_trunc_f32_u, FV(0x1p63f), OK, UINT64_C(0x8000000000000000));
  CONV64(wd_num_i64_trunc_f32_u, FV(0x1p64f), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_u, F(F_INF), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_u, F(F_NINF), OVF, 0);
  CONV64(wd_num_i64_trunc_f32_u, F(F_NNAN), BADC, 0);
  CONV64(wd_num_i64_trunc_f32_u, F(F_SNAN), BADC, 0);

  // i64.trunc_f64_s: valid iff -2^63 <= x < 2^63 (-2^63-1 is not a double).
  CONV64(wd_num_i64_trunc_f64_s, DV(-0x1p63), OK, UINT64_C(0x8000000000000000));
  CONV64(wd_num_i64_trunc_f64_s, DV(-0x1.0000000000001p63), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_s, DV(0x1.fffffffffffffp62), OK, UINT64_C(0x7ffffffffffffc00));
  CONV64(wd_num_i64_trunc_f64_s, DV(0x1p63), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_s, DV(-0.9), OK, 0);
  CONV64(wd_num_i64_trunc_f64_s, DV(-2147483649.0), OK, UINT64_C(0xffffffff7fffffff));
  CONV64(wd_num_i64_trunc_f64_s, DV(-0x1.fffffffffffffp51), OK,
         (uint64_t)INT64_C(-4503599627370495));
  CONV64(wd_num_i64_trunc_f64_s, D(D_INF), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_s, D(D_NINF), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_s, D(D_NAN), BADC, 0);
  CONV64(wd_num_i64_trunc_f64_s, D(D_NSNAN), BADC, 0);

  // i64.trunc_f64_u: valid iff -1 < x < 2^64.
  CONV64(wd_num_i64_trunc_f64_u, DV(-0x1.fffffffffffffp-1), OK, 0);
  CONV64(wd_num_i64_trunc_f64_u, DV(-1.0), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_u, DV(0x1.fffffffffffffp63), OK, UINT64_C(0xfffffffffffff800));
  CONV64(wd_num_i64_trunc_f64_u, DV(0x1p63), OK, UINT64_C(0x8000000000000000));
  CONV64(wd_num_i64_trunc_f64_u, DV(0x1p64), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_u, DV(1e30), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_u, DV(4294967296.0), OK, UINT64_C(0x100000000));
  CONV64(wd_num_i64_trunc_f64_u, D(D_INF), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_u, D(D_NINF), OVF, 0);
  CONV64(wd_num_i64_trunc_f64_u, D(D_NAN), BADC, 0);
  CONV64(wd_num_i64_trunc_f64_u, D(D_SNAN), BADC, 0);
}

static void test_trunc_sat(void) {
  EQ32(wd_num_i32_trunc_sat_f32_s(FV(-0x1p31f)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f32_s(FV(-0x1.000002p31f)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f32_s(FV(0x1.fffffep30f)), 0x7fffff80u);
  EQ32(wd_num_i32_trunc_sat_f32_s(FV(0x1p31f)), 0x7fffffffu);
  EQ32(wd_num_i32_trunc_sat_f32_s(FV(-1.9f)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f32_s(F(F_INF)), 0x7fffffffu);
  EQ32(wd_num_i32_trunc_sat_f32_s(F(F_NINF)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f32_s(F(F_NAN)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_s(F(F_NSNAN)), 0);

  EQ32(wd_num_i32_trunc_sat_f32_u(FV(-0x1.fffffep-1f)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_u(FV(-1.0f)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_u(FV(-1e10f)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_u(FV(0x1.fffffep31f)), 0xffffff00u);
  EQ32(wd_num_i32_trunc_sat_f32_u(FV(0x1p32f)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f32_u(FV(1.9f)), 1);
  EQ32(wd_num_i32_trunc_sat_f32_u(F(F_INF)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f32_u(F(F_NINF)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_u(F(F_NNAN)), 0);
  EQ32(wd_num_i32_trunc_sat_f32_u(F(F_SNAN)), 0);

  EQ32(wd_num_i32_trunc_sat_f64_s(DV(-2147483648.9)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f64_s(DV(-2147483649.0)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f64_s(DV(-1e30)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f64_s(DV(2147483647.9)), 0x7fffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_s(DV(2147483648.0)), 0x7fffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_s(DV(-1.5)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_s(D(D_INF)), 0x7fffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_s(D(D_NINF)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f64_s(D(D_NAN)), 0);
  EQ32(wd_num_i32_trunc_sat_f64_s(D(D_NSNAN)), 0);

  EQ32(wd_num_i32_trunc_sat_f64_u(DV(-0x1.fffffffffffffp-1)), 0);
  EQ32(wd_num_i32_trunc_sat_f64_u(DV(-1.0)), 0);
  EQ32(wd_num_i32_trunc_sat_f64_u(DV(4294967295.9)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_u(DV(4294967296.0)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_u(DV(1e16)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_u(DV(2147483648.5)), 0x80000000u);
  EQ32(wd_num_i32_trunc_sat_f64_u(D(D_INF)), 0xffffffffu);
  EQ32(wd_num_i32_trunc_sat_f64_u(D(D_NINF)), 0);
  EQ32(wd_num_i32_trunc_sat_f64_u(D(D_NAN)), 0);
  EQ32(wd_num_i32_trunc_sat_f64_u(D(D_SNAN)), 0);

  EQ64(wd_num_i64_trunc_sat_f32_s(FV(-0x1p63f)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f32_s(FV(-0x1.000002p63f)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f32_s(FV(0x1.fffffep62f)), UINT64_C(0x7fffff8000000000));
  EQ64(wd_num_i64_trunc_sat_f32_s(FV(0x1p63f)), UINT64_C(0x7fffffffffffffff));
  EQ64(wd_num_i64_trunc_sat_f32_s(FV(-1.9f)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f32_s(F(F_INF)), UINT64_C(0x7fffffffffffffff));
  EQ64(wd_num_i64_trunc_sat_f32_s(F(F_NINF)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f32_s(F(F_NAN)), 0);
  EQ64(wd_num_i64_trunc_sat_f32_s(F(F_NSNAN)), 0);

  EQ64(wd_num_i64_trunc_sat_f32_u(FV(-0x1.fffffep-1f)), 0);
  EQ64(wd_num_i64_trunc_sat_f32_u(FV(-1.0f)), 0);
  EQ64(wd_num_i64_trunc_sat_f32_u(FV(0x1.fffffep63f)), UINT64_C(0xffffff0000000000));
  EQ64(wd_num_i64_trunc_sat_f32_u(FV(0x1p64f)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f32_u(F(F_INF)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f32_u(F(F_NINF)), 0);
  EQ64(wd_num_i64_trunc_sat_f32_u(F(F_NAN)), 0);
  EQ64(wd_num_i64_trunc_sat_f32_u(F(F_SNAN)), 0);

  EQ64(wd_num_i64_trunc_sat_f64_s(DV(-0x1p63)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f64_s(DV(-0x1.0000000000001p63)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f64_s(DV(0x1.fffffffffffffp62)), UINT64_C(0x7ffffffffffffc00));
  EQ64(wd_num_i64_trunc_sat_f64_s(DV(0x1p63)), UINT64_C(0x7fffffffffffffff));
  EQ64(wd_num_i64_trunc_sat_f64_s(DV(-0.9)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_s(D(D_INF)), UINT64_C(0x7fffffffffffffff));
  EQ64(wd_num_i64_trunc_sat_f64_s(D(D_NINF)), UINT64_C(0x8000000000000000));
  EQ64(wd_num_i64_trunc_sat_f64_s(D(D_NAN)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_s(D(D_NSNAN)), 0);

  EQ64(wd_num_i64_trunc_sat_f64_u(DV(-0x1.fffffffffffffp-1)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_u(DV(-1.0)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_u(DV(0x1.fffffffffffffp63)), UINT64_C(0xfffffffffffff800));
  EQ64(wd_num_i64_trunc_sat_f64_u(DV(0x1p64)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f64_u(DV(1e30)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f64_u(D(D_INF)), UINT64_MAX);
  EQ64(wd_num_i64_trunc_sat_f64_u(D(D_NINF)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_u(D(D_NAN)), 0);
  EQ64(wd_num_i64_trunc_sat_f64_u(D(D_SNAN)), 0);
}

static void test_convert(void) {
  // f32.convert_i32_s / _u.
  EQF(wd_num_f32_convert_i32_s(O32(1)), 0x3f800000u);
  EQF(wd_num_f32_convert_i32_s(O32(0xffffffff)), 0xbf800000u);
  EQF(wd_num_f32_convert_i32_s(O32(0)), F_PZ);
  EQF(wd_num_f32_convert_i32_s(O32(0x7fffffff)), 0x4f000000u); // 2^31
  EQF(wd_num_f32_convert_i32_s(O32(0x80000000)), 0xcf000000u); // -2^31
  EQF(wd_num_f32_convert_i32_s(O32(1234567890)), 0x4e932c06u); // 0x1.26580cp+30
  EQF(wd_num_f32_convert_i32_s(O32(16777217)), 0x4b800000u);   // tie: down to even
  EQF(wd_num_f32_convert_i32_s(O32((uint32_t)-16777217)), 0xcb800000u);
  EQF(wd_num_f32_convert_i32_s(O32(16777219)), 0x4b800002u); // tie: up to even
  EQF(wd_num_f32_convert_i32_s(O32((uint32_t)-16777219)), 0xcb800002u);
  EQF(wd_num_f32_convert_i32_u(O32(0x80000000)), 0x4f000000u);
  EQF(wd_num_f32_convert_i32_u(O32(0x12345678)), 0x4d91a2b4u); // 0x1.234568p+28
  EQF(wd_num_f32_convert_i32_u(O32(0xffffffff)), 0x4f800000u); // 2^32
  EQF(wd_num_f32_convert_i32_u(O32(0x80000080)), 0x4f000000u);
  EQF(wd_num_f32_convert_i32_u(O32(0x80000081)), 0x4f000001u);
  EQF(wd_num_f32_convert_i32_u(O32(0x80000082)), 0x4f000001u);
  EQF(wd_num_f32_convert_i32_u(O32(0xfffffe80)), 0x4f7ffffeu);
  EQF(wd_num_f32_convert_i32_u(O32(0xfffffe81)), 0x4f7fffffu);
  EQF(wd_num_f32_convert_i32_u(O32(0xfffffe82)), 0x4f7fffffu);
  EQF(wd_num_f32_convert_i32_u(O32(16777217)), 0x4b800000u);
  EQF(wd_num_f32_convert_i32_u(O32(16777219)), 0x4b800002u);

  // f32.convert_i64_s: the double-rounding traps.
  EQF(wd_num_f32_convert_i64_s(O64(0x7fffffffffffffff)), 0x5f000000u); // 2^63
  EQF(wd_num_f32_convert_i64_s(O64(0x8000000000000000)), 0xdf000000u); // -2^63
  EQF(wd_num_f32_convert_i64_s(O64(UINT64_MAX)), 0xbf800000u);
  EQF(wd_num_f32_convert_i64_s(O64(314159265358979)), 0x578edcf4u); // 0x1.1db9e8p+48
  EQF(wd_num_f32_convert_i64_s(O64(16777217)), 0x4b800000u);
  EQF(wd_num_f32_convert_i64_s(O64((uint64_t)-16777219)), 0xcb800002u);
  EQF(wd_num_f32_convert_i64_s(O64(0x7fffff4000000001)), 0x5effffffu); // 0x1.fffffep+62
  EQF(wd_num_f32_convert_i64_s(O64(0x8000004000000001)), 0xdeffffffu); // -0x1.fffffep+62
  EQF(wd_num_f32_convert_i64_s(O64(0x0020000020000001)),
      0x5a000001u); // 9007199791611905 -> 0x1.000002p+53
  EQF(wd_num_f32_convert_i64_s(O64(0xffdfffffdfffffff)), 0xda000001u); // -0x1.000002p+53
  EQF(wd_num_f32_convert_i64_s(O64(0x0020000020000000)), 0x5a000000u); // exact tie: to even (down)
  EQF(wd_num_f32_convert_i64_s(O64(0x0020000060000000)), 0x5a000002u); // exact tie: to even (up)

  // f32.convert_i64_u.
  EQF(wd_num_f32_convert_i64_u(O64(0x7fffffffffffffff)), 0x5f000000u);
  EQF(wd_num_f32_convert_i64_u(O64(0x8000000000000000)), 0x5f000000u);
  EQF(wd_num_f32_convert_i64_u(O64(UINT64_MAX)), 0x5f800000u); // 2^64
  EQF(wd_num_f32_convert_i64_u(O64(16777217)), 0x4b800000u);
  EQF(wd_num_f32_convert_i64_u(O64(16777219)), 0x4b800002u);
  EQF(wd_num_f32_convert_i64_u(O64(0x0020000020000001)), 0x5a000001u);
  EQF(wd_num_f32_convert_i64_u(O64(0x7fffffbfffffffff)), 0x5effffffu); // 0x1.fffffep+62
  EQF(wd_num_f32_convert_i64_u(O64(0x8000008000000001)), 0x5f000001u); // 0x1.000002p+63
  EQF(wd_num_f32_convert_i64_u(O64(0x8000008000000000)), 0x5f000000u); // exact tie: to even
  EQF(wd_num_f32_convert_i64_u(O64(0xfffffe8000000001)), 0x5f7fffffu); // 0x1.fffffep+63
  EQF(wd_num_f32_convert_i64_u(O64(0xffffff8000000000)), 0x5f800000u); // tie rounds up to 2^64

  // f64.convert_i32_s / _u are exact.
  EQD(wd_num_f64_convert_i32_s(O32(0x7fffffff)), UINT64_C(0x41dfffffffc00000));
  EQD(wd_num_f64_convert_i32_s(O32(0x80000000)), UINT64_C(0xc1e0000000000000));
  EQD(wd_num_f64_convert_i32_s(O32(987654321)), UINT64_C(0x41cd6f3458800000));
  EQD(wd_num_f64_convert_i32_s(O32(0)), D_PZ);
  EQD(wd_num_f64_convert_i32_u(O32(0x80000000)), UINT64_C(0x41e0000000000000));
  EQD(wd_num_f64_convert_i32_u(O32(0xffffffff)), UINT64_C(0x41efffffffe00000));

  // f64.convert_i64_s / _u.
  EQD(wd_num_f64_convert_i64_s(O64(0x7fffffffffffffff)), UINT64_C(0x43e0000000000000));
  EQD(wd_num_f64_convert_i64_s(O64(0x8000000000000000)), UINT64_C(0xc3e0000000000000));
  EQD(wd_num_f64_convert_i64_s(O64(4669201609102990)), UINT64_C(0x4330969d374b968e));
  EQD(wd_num_f64_convert_i64_s(O64(9007199254740993)), UINT64_C(0x4340000000000000));
  EQD(wd_num_f64_convert_i64_s(O64((uint64_t)-9007199254740993)), UINT64_C(0xc340000000000000));
  EQD(wd_num_f64_convert_i64_s(O64(9007199254740995)), UINT64_C(0x4340000000000002));
  EQD(wd_num_f64_convert_i64_s(O64((uint64_t)-9007199254740995)), UINT64_C(0xc340000000000002));
  EQD(wd_num_f64_convert_i64_s(O64(UINT64_MAX)), UINT64_C(0xbff0000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(0x7fffffffffffffff)), UINT64_C(0x43e0000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(0x8000000000000000)), UINT64_C(0x43e0000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(UINT64_MAX)), UINT64_C(0x43f0000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(0x8000000000000400)), UINT64_C(0x43e0000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(0x8000000000000401)), UINT64_C(0x43e0000000000001));
  EQD(wd_num_f64_convert_i64_u(O64(0x8000000000000402)), UINT64_C(0x43e0000000000001));
  EQD(wd_num_f64_convert_i64_u(O64(0x8000000000000c00)),
      UINT64_C(0x43e0000000000002)); // tie up to even
  EQD(wd_num_f64_convert_i64_u(O64(0xfffffffffffff400)), UINT64_C(0x43effffffffffffe));
  EQD(wd_num_f64_convert_i64_u(O64(0xfffffffffffff401)), UINT64_C(0x43efffffffffffff));
  EQD(wd_num_f64_convert_i64_u(O64(0xfffffffffffff402)), UINT64_C(0x43efffffffffffff));
  EQD(wd_num_f64_convert_i64_u(O64(0xfffffffffffffc00)),
      UINT64_C(0x43f0000000000000)); // tie up to 2^64
  EQD(wd_num_f64_convert_i64_u(O64(9007199254740993)), UINT64_C(0x4340000000000000));
  EQD(wd_num_f64_convert_i64_u(O64(9007199254740995)), UINT64_C(0x4340000000000002));
  EQD(wd_num_f64_convert_i64_u(O64(0x001fffffffffffff)),
      UINT64_C(0x433fffffffffffff)); // largest exact
}

static void test_demote_promote(void) {
  // f32.demote_f64: correct rounding, overflow, subnormals, NaN.
  EQF(wd_num_f32_demote_f64(D(D_NZ)), F_NZ);
  EQF(wd_num_f32_demote_f64(D(0x0000000000000001)), F_PZ);
  EQF(wd_num_f32_demote_f64(D(0x8000000000000001)), F_NZ);
  EQF(wd_num_f32_demote_f64(DV(0x1.fffffe0000000p-127)), 0x00800000u);
  EQF(wd_num_f32_demote_f64(DV(0x1.fffffdfffffffp-127)), 0x007fffffu);
  EQF(wd_num_f32_demote_f64(DV(0x1p-149)), 0x00000001u);
  EQF(wd_num_f32_demote_f64(DV(0x1.0p-150)), F_PZ); // tie to even: 0
  EQF(wd_num_f32_demote_f64(DV(-0x1.0p-150)), F_NZ);
  EQF(wd_num_f32_demote_f64(DV(0x1.0000000000001p-150)), 0x00000001u);
  EQF(wd_num_f32_demote_f64(DV(0x1.fffffd0000000p+127)), 0x7f7ffffeu);
  EQF(wd_num_f32_demote_f64(DV(0x1.fffffd0000001p+127)), 0x7f7fffffu);
  EQF(wd_num_f32_demote_f64(DV(0x1.fffffefffffffp+127)), 0x7f7fffffu);
  EQF(wd_num_f32_demote_f64(DV(0x1.ffffffp+127)), F_INF);
  EQF(wd_num_f32_demote_f64(DV(-0x1.ffffffp+127)), F_NINF);
  EQF(wd_num_f32_demote_f64(DV(0x1.0000010000000p+0)), 0x3f800000u);
  EQF(wd_num_f32_demote_f64(DV(0x1.0000010000001p+0)), 0x3f800001u);
  EQF(wd_num_f32_demote_f64(DV(0x1.0000030000000p+0)), 0x3f800002u);
  EQF(wd_num_f32_demote_f64(DV(0x1.4eae4f7024c7p+108)), 0x75a75728u); // 0x1.4eae5p+108
  EQF(wd_num_f32_demote_f64(D(D_INF)), F_INF);
  EQF(wd_num_f32_demote_f64(D(D_NINF)), F_NINF);
  EQF(wd_num_f32_demote_f64(D(D_NAN)), F_NAN);
  EQF(wd_num_f32_demote_f64(D(D_NNAN)), F_NNAN);
  CANONF(wd_num_f32_demote_f64(D(D_NAN)));
  EQF(wd_num_f32_demote_f64(D(D_SNAN)), 0x7fe00000u);
  EQF(wd_num_f32_demote_f64(D(D_NSNAN)), 0xffe00000u);
  ARITHF(wd_num_f32_demote_f64(D(0x7ff0000000000001)));
  // f64.promote_f32: exact; NaN payload moves to the top.
  EQD(wd_num_f64_promote_f32(F(F_NZ)), D_NZ);
  EQD(wd_num_f64_promote_f32(F(0x00000001)), UINT64_C(0x36a0000000000000)); // 0x1p-149
  EQD(wd_num_f64_promote_f32(F(0x7f7fffff)), UINT64_C(0x47efffffe0000000));
  EQD(wd_num_f64_promote_f32(FV(0x1.8f867ep+125f)), UINT64_C(0x47c8f867e0000000));
  EQD(wd_num_f64_promote_f32(F(F_NINF)), D_NINF);
  EQD(wd_num_f64_promote_f32(F(F_NAN)), D_NAN);
  EQD(wd_num_f64_promote_f32(F(F_NNAN)), D_NNAN);
  EQD(wd_num_f64_promote_f32(F(F_SNAN)), UINT64_C(0x7ffc000000000000));
  EQD(wd_num_f64_promote_f32(F(F_NSNAN)), UINT64_C(0xfffc000000000000));
  ARITHD(wd_num_f64_promote_f32(F(0x7f800001)));
}

int main(void) {
  test_int_arith();
  test_int_bits();
  test_int_compare();
  test_float_bitcasts();
  test_float_sign();
  test_float_minmax();
  test_float_rounding();
  test_float_arith();
  test_trunc_trapping();
  test_trunc_sat();
  test_convert();
  test_demote_promote();
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}
