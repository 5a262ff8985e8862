// SPDX-License-Identifier: Apache-2.0
// ward: exact WebAssembly numeric semantics (WebAssembly 2.0, chapter 4.3
// "Numerics"), as small static inline functions for the interpreter.
//
// Conventions
// - Integers travel as their unsigned bit patterns (uint32_t / uint64_t), as
//   the spec's sign-agnostic i32/i64 do. Operators with an _s suffix read
//   those bits as two's complement internally. All integer arithmetic is done
//   in unsigned types, so nothing here has signed overflow, shifts by the
//   width, or other undefined behaviour.
// - Floats travel as float / double. Use wd_num_f32_bits / wd_num_f32_from_bits
//   (and the f64 pair) to move between values and bit patterns; they are
//   memcpy bit casts that keep NaN payloads.
// - Operators that can trap return a wd_num_trap (WD_NUM_OK is 0) and write
//   their result through `out` only on success.
// - Requires IEEE 754 binary32/binary64, FLT_EVAL_METHOD 0 (no x87 excess
//   precision) and the default rounding mode (round to nearest, ties to even),
//   which the interpreter never changes; and no -ffast-math, which would drop
//   the x != x NaN tests and reassociate arithmetic.
#ifndef WARD_INTERP_NUMERIC_H
#define WARD_INTERP_NUMERIC_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(FLT_EVAL_METHOD) && (FLT_EVAL_METHOD == 1 || FLT_EVAL_METHOD == 2)
#error "ward needs FLT_EVAL_METHOD 0 (on 32-bit x86 build with -msse2 -mfpmath=sse)"
#endif
#if defined(__FAST_MATH__)
#error "ward's numerics need IEEE semantics: do not build with -ffast-math"
#endif

// Trap codes. They map one-to-one onto WARD_TRAP_INT_DIV_ZERO,
// WARD_TRAP_INT_OVERFLOW and WARD_TRAP_BAD_CONVERSION.
typedef enum wd_num_trap {
  WD_NUM_OK = 0,
  WD_NUM_DIV_ZERO,       // "integer divide by zero"
  WD_NUM_OVERFLOW,       // "integer overflow"
  WD_NUM_BAD_CONVERSION, // "invalid conversion to integer"
} wd_num_trap;

// ---------------------------------------------------------------------------
// Bit casts (4.3.1 representations; 4.3.4 reinterpret).
// ---------------------------------------------------------------------------

static inline uint32_t wd_num_f32_bits(float x) {
  uint32_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static inline float wd_num_f32_from_bits(uint32_t u) {
  float x;
  memcpy(&x, &u, sizeof x);
  return x;
}

static inline uint64_t wd_num_f64_bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static inline double wd_num_f64_from_bits(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

// i32.reinterpret_f32, f32.reinterpret_i32, i64.reinterpret_f64,
// f64.reinterpret_i64.
static inline uint32_t wd_num_i32_reinterpret_f32(float x) { return wd_num_f32_bits(x); }
static inline float wd_num_f32_reinterpret_i32(uint32_t u) { return wd_num_f32_from_bits(u); }
static inline uint64_t wd_num_i64_reinterpret_f64(double x) { return wd_num_f64_bits(x); }
static inline double wd_num_f64_reinterpret_i64(uint64_t u) { return wd_num_f64_from_bits(u); }

// Two's complement reading of a bit pattern, without implementation-defined
// conversions (compilers reduce these to nothing).
static inline int32_t wd_num_s32(uint32_t u) {
  return u <= 0x7fffffffu ? (int32_t)u : (int32_t)(u - 0x80000000u) - INT32_MAX - 1;
}

static inline int64_t wd_num_s64(uint64_t u) {
  return u <= 0x7fffffffffffffffu ? (int64_t)u : (int64_t)(u - 0x8000000000000000u) - INT64_MAX - 1;
}

// ---------------------------------------------------------------------------
// Integer operators (4.3.2).
// ---------------------------------------------------------------------------

// iadd, isub, imul: modulo 2^N.
static inline uint32_t wd_num_i32_add(uint32_t a, uint32_t b) { return a + b; }
static inline uint32_t wd_num_i32_sub(uint32_t a, uint32_t b) { return a - b; }
static inline uint32_t wd_num_i32_mul(uint32_t a, uint32_t b) { return a * b; }
static inline uint64_t wd_num_i64_add(uint64_t a, uint64_t b) { return a + b; }
static inline uint64_t wd_num_i64_sub(uint64_t a, uint64_t b) { return a - b; }
static inline uint64_t wd_num_i64_mul(uint64_t a, uint64_t b) { return a * b; }

// idiv_u, irem_u: trap on a zero divisor.
static inline int wd_num_i32_div_u(uint32_t a, uint32_t b, uint32_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = a / b;
  return WD_NUM_OK;
}

static inline int wd_num_i32_rem_u(uint32_t a, uint32_t b, uint32_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = a % b;
  return WD_NUM_OK;
}

static inline int wd_num_i64_div_u(uint64_t a, uint64_t b, uint64_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = a / b;
  return WD_NUM_OK;
}

static inline int wd_num_i64_rem_u(uint64_t a, uint64_t b, uint64_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = a % b;
  return WD_NUM_OK;
}

// idiv_s: truncates toward zero; traps on a zero divisor and on
// INT_MIN / -1, whose quotient 2^(N-1) is not representable.
static inline int wd_num_i32_div_s(uint32_t a, uint32_t b, uint32_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  if (a == 0x80000000u && b == 0xffffffffu)
    return WD_NUM_OVERFLOW;
  *out = (uint32_t)(wd_num_s32(a) / wd_num_s32(b));
  return WD_NUM_OK;
}

static inline int wd_num_i64_div_s(uint64_t a, uint64_t b, uint64_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  if (a == 0x8000000000000000u && b == UINT64_MAX)
    return WD_NUM_OVERFLOW;
  *out = (uint64_t)(wd_num_s64(a) / wd_num_s64(b));
  return WD_NUM_OK;
}

// irem_s: the result has the dividend's sign; traps only on a zero divisor.
// x % -1 is 0 for every x (C leaves INT_MIN % -1 undefined, so avoid it).
static inline int wd_num_i32_rem_s(uint32_t a, uint32_t b, uint32_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = b == 0xffffffffu ? 0 : (uint32_t)(wd_num_s32(a) % wd_num_s32(b));
  return WD_NUM_OK;
}

static inline int wd_num_i64_rem_s(uint64_t a, uint64_t b, uint64_t *out) {
  if (b == 0)
    return WD_NUM_DIV_ZERO;
  *out = b == UINT64_MAX ? 0 : (uint64_t)(wd_num_s64(a) % wd_num_s64(b));
  return WD_NUM_OK;
}

// iand, ior, ixor.
static inline uint32_t wd_num_i32_and(uint32_t a, uint32_t b) { return a & b; }
static inline uint32_t wd_num_i32_or(uint32_t a, uint32_t b) { return a | b; }
static inline uint32_t wd_num_i32_xor(uint32_t a, uint32_t b) { return a ^ b; }
static inline uint64_t wd_num_i64_and(uint64_t a, uint64_t b) { return a & b; }
static inline uint64_t wd_num_i64_or(uint64_t a, uint64_t b) { return a | b; }
static inline uint64_t wd_num_i64_xor(uint64_t a, uint64_t b) { return a ^ b; }

// ishl, ishr_u, ishr_s, irotl, irotr: the count is taken modulo N.
static inline uint32_t wd_num_i32_shl(uint32_t a, uint32_t k) { return a << (k & 31); }
static inline uint32_t wd_num_i32_shr_u(uint32_t a, uint32_t k) { return a >> (k & 31); }
static inline uint64_t wd_num_i64_shl(uint64_t a, uint64_t k) { return a << (k & 63); }
static inline uint64_t wd_num_i64_shr_u(uint64_t a, uint64_t k) { return a >> (k & 63); }

// Arithmetic shift built from logical ones: for a negative a, ~a is
// non-negative, and shifting it in zeros then complementing shifts in ones.
static inline uint32_t wd_num_i32_shr_s(uint32_t a, uint32_t k) {
  unsigned n = (unsigned)(k & 31);
  return (a & 0x80000000u) ? ~(~a >> n) : a >> n;
}

static inline uint64_t wd_num_i64_shr_s(uint64_t a, uint64_t k) {
  unsigned n = (unsigned)(k & 63);
  return (a & 0x8000000000000000u) ? ~(~a >> n) : a >> n;
}

// (32 - n) & 31 is 0 when n is 0, making the rotate a | a == a.
static inline uint32_t wd_num_i32_rotl(uint32_t a, uint32_t k) {
  unsigned n = (unsigned)(k & 31);
  return (a << n) | (a >> ((32 - n) & 31));
}

static inline uint32_t wd_num_i32_rotr(uint32_t a, uint32_t k) {
  unsigned n = (unsigned)(k & 31);
  return (a >> n) | (a << ((32 - n) & 31));
}

static inline uint64_t wd_num_i64_rotl(uint64_t a, uint64_t k) {
  unsigned n = (unsigned)(k & 63);
  return (a << n) | (a >> ((64 - n) & 63));
}

static inline uint64_t wd_num_i64_rotr(uint64_t a, uint64_t k) {
  unsigned n = (unsigned)(k & 63);
  return (a >> n) | (a << ((64 - n) & 63));
}

// iclz, ictz, ipopcnt. The builtins are undefined for 0, hence the tests.
static inline uint32_t wd_num_i32_clz(uint32_t a) {
  if (a == 0)
    return 32;
#if defined(__GNUC__) && UINT_MAX == 0xffffffffu
  return (uint32_t)__builtin_clz(a);
#else
  uint32_t n = 0;
  if (!(a & 0xffff0000u)) {
    n += 16;
    a <<= 16;
  }
  if (!(a & 0xff000000u)) {
    n += 8;
    a <<= 8;
  }
  if (!(a & 0xf0000000u)) {
    n += 4;
    a <<= 4;
  }
  if (!(a & 0xc0000000u)) {
    n += 2;
    a <<= 2;
  }
  if (!(a & 0x80000000u)) {
    n += 1;
  }
  return n;
#endif
}

static inline uint64_t wd_num_i64_clz(uint64_t a) {
  if (a == 0)
    return 64;
#if defined(__GNUC__) && ULLONG_MAX == 0xffffffffffffffffu
  return (uint64_t)__builtin_clzll(a);
#else
  uint32_t hi = (uint32_t)(a >> 32);
  return hi ? wd_num_i32_clz(hi) : 32 + (uint64_t)wd_num_i32_clz((uint32_t)a);
#endif
}

static inline uint32_t wd_num_i32_ctz(uint32_t a) {
  if (a == 0)
    return 32;
#if defined(__GNUC__) && UINT_MAX == 0xffffffffu
  return (uint32_t)__builtin_ctz(a);
#else
  // a & -a isolates the lowest set bit; its leading zeros give its index.
  return 31 - wd_num_i32_clz(a & (0u - a));
#endif
}

static inline uint64_t wd_num_i64_ctz(uint64_t a) {
  if (a == 0)
    return 64;
#if defined(__GNUC__) && ULLONG_MAX == 0xffffffffffffffffu
  return (uint64_t)__builtin_ctzll(a);
#else
  return 63 - wd_num_i64_clz(a & (0u - a));
#endif
}

// The builtin only where the target has the instruction (x86 with POPCNT,
// arm64): elsewhere compilers call a library routine slower than this.
static inline uint32_t wd_num_i32_popcnt(uint32_t a) {
#if defined(__GNUC__) && UINT_MAX == 0xffffffffu && (defined(__POPCNT__) || defined(__aarch64__))
  return (uint32_t)__builtin_popcount(a);
#else
  a = a - ((a >> 1) & 0x55555555u);
  a = (a & 0x33333333u) + ((a >> 2) & 0x33333333u);
  a = (a + (a >> 4)) & 0x0f0f0f0fu;
  return (a * 0x01010101u) >> 24;
#endif
}

static inline uint64_t wd_num_i64_popcnt(uint64_t a) {
  return (uint64_t)wd_num_i32_popcnt((uint32_t)a) + wd_num_i32_popcnt((uint32_t)(a >> 32));
}

// ieqz, ieq, ine, ilt_u/s, igt_u/s, ile_u/s, ige_u/s: results are 0 or 1.
static inline uint32_t wd_num_i32_eqz(uint32_t a) { return a == 0; }
static inline uint32_t wd_num_i32_eq(uint32_t a, uint32_t b) { return a == b; }
static inline uint32_t wd_num_i32_ne(uint32_t a, uint32_t b) { return a != b; }
// Whether a and b share a set bit (test), or none (testz): the condition of
// a branch on an i32.and (interp/ops_latch.def, WD_OP_TESTBR).
static inline uint32_t wd_num_i32_test(uint32_t a, uint32_t b) { return (a & b) != 0; }
static inline uint32_t wd_num_i32_testz(uint32_t a, uint32_t b) { return (a & b) == 0; }
static inline uint32_t wd_num_i32_lt_u(uint32_t a, uint32_t b) { return a < b; }
static inline uint32_t wd_num_i32_gt_u(uint32_t a, uint32_t b) { return a > b; }
static inline uint32_t wd_num_i32_le_u(uint32_t a, uint32_t b) { return a <= b; }
static inline uint32_t wd_num_i32_ge_u(uint32_t a, uint32_t b) { return a >= b; }
static inline uint32_t wd_num_i32_lt_s(uint32_t a, uint32_t b) {
  return wd_num_s32(a) < wd_num_s32(b);
}
static inline uint32_t wd_num_i32_gt_s(uint32_t a, uint32_t b) {
  return wd_num_s32(a) > wd_num_s32(b);
}
static inline uint32_t wd_num_i32_le_s(uint32_t a, uint32_t b) {
  return wd_num_s32(a) <= wd_num_s32(b);
}
static inline uint32_t wd_num_i32_ge_s(uint32_t a, uint32_t b) {
  return wd_num_s32(a) >= wd_num_s32(b);
}
static inline uint32_t wd_num_i64_eqz(uint64_t a) { return a == 0; }
static inline uint32_t wd_num_i64_eq(uint64_t a, uint64_t b) { return a == b; }
static inline uint32_t wd_num_i64_ne(uint64_t a, uint64_t b) { return a != b; }
static inline uint32_t wd_num_i64_lt_u(uint64_t a, uint64_t b) { return a < b; }
static inline uint32_t wd_num_i64_gt_u(uint64_t a, uint64_t b) { return a > b; }
static inline uint32_t wd_num_i64_le_u(uint64_t a, uint64_t b) { return a <= b; }
static inline uint32_t wd_num_i64_ge_u(uint64_t a, uint64_t b) { return a >= b; }
static inline uint32_t wd_num_i64_lt_s(uint64_t a, uint64_t b) {
  return wd_num_s64(a) < wd_num_s64(b);
}
static inline uint32_t wd_num_i64_gt_s(uint64_t a, uint64_t b) {
  return wd_num_s64(a) > wd_num_s64(b);
}
static inline uint32_t wd_num_i64_le_s(uint64_t a, uint64_t b) {
  return wd_num_s64(a) <= wd_num_s64(b);
}
static inline uint32_t wd_num_i64_ge_s(uint64_t a, uint64_t b) {
  return wd_num_s64(a) >= wd_num_s64(b);
}

// iextend{8,16,32}_s: sign-extend the low M bits. (x ^ s) - s, with s the
// sign bit of the M-bit field, maps the field's top bit to a borrow that
// fills the upper bits, all in unsigned arithmetic.
static inline uint32_t wd_num_i32_extend8_s(uint32_t a) { return ((a & 0xffu) ^ 0x80u) - 0x80u; }
static inline uint32_t wd_num_i32_extend16_s(uint32_t a) {
  return ((a & 0xffffu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t wd_num_i64_extend8_s(uint64_t a) { return ((a & 0xffu) ^ 0x80u) - 0x80u; }
static inline uint64_t wd_num_i64_extend16_s(uint64_t a) {
  return ((a & 0xffffu) ^ 0x8000u) - 0x8000u;
}
static inline uint64_t wd_num_i64_extend32_s(uint64_t a) {
  return ((a & 0xffffffffu) ^ 0x80000000u) - 0x80000000u;
}

// i32.wrap_i64, i64.extend_i32_s, i64.extend_i32_u (4.3.4 wrap, extend).
static inline uint32_t wd_num_i32_wrap_i64(uint64_t a) { return (uint32_t)a; }
static inline uint64_t wd_num_i64_extend_i32_s(uint32_t a) {
  return (uint64_t)((a ^ 0x80000000u)) - 0x80000000u;
}
static inline uint64_t wd_num_i64_extend_i32_u(uint32_t a) { return a; }

// ---------------------------------------------------------------------------
// Floating-point operators (4.3.3).
// ---------------------------------------------------------------------------

#define WD_NUM_F32_SIGN 0x80000000u
#define WD_NUM_F32_QUIET 0x00400000u
#define WD_NUM_F64_SIGN 0x8000000000000000u
#define WD_NUM_F64_QUIET 0x0008000000000000u

// The NaN a NaN operand propagates to: same sign and payload, quiet bit set.
// Canonical in gives canonical out; anything else gives an arithmetic NaN.
static inline float wd_num_f32_quiet(float x) {
  return wd_num_f32_from_bits(wd_num_f32_bits(x) | WD_NUM_F32_QUIET);
}

static inline double wd_num_f64_quiet(double x) {
  return wd_num_f64_from_bits(wd_num_f64_bits(x) | WD_NUM_F64_QUIET);
}

// fadd, fsub, fmul, fdiv, fsqrt: IEEE 754 in the default rounding mode.
// Hardware returns a quiet NaN for NaN results (x86-64 SSE, AArch64, RISC-V),
// which satisfies the spec's NaN propagation rules.
static inline float wd_num_f32_add(float a, float b) { return a + b; }
static inline float wd_num_f32_sub(float a, float b) { return a - b; }
static inline float wd_num_f32_mul(float a, float b) { return a * b; }
static inline float wd_num_f32_div(float a, float b) { return a / b; }
static inline double wd_num_f64_add(double a, double b) { return a + b; }
static inline double wd_num_f64_sub(double a, double b) { return a - b; }
static inline double wd_num_f64_mul(double a, double b) { return a * b; }
static inline double wd_num_f64_div(double a, double b) { return a / b; }

static inline float wd_num_f32_sqrt(float a) {
  if (a != a)
    return wd_num_f32_quiet(a);
  return sqrtf(a);
}

static inline double wd_num_f64_sqrt(double a) {
  if (a != a)
    return wd_num_f64_quiet(a);
  return sqrt(a);
}

// fmin, fmax: a NaN operand gives a NaN; -0 is less than +0. When a == b the
// bit patterns are equal or are +0/-0, so OR picks -0 for min and AND picks
// +0 for max.
static inline float wd_num_f32_min(float a, float b) {
  if (a != a)
    return wd_num_f32_quiet(a);
  if (b != b)
    return wd_num_f32_quiet(b);
  if (a == b)
    return wd_num_f32_from_bits(wd_num_f32_bits(a) | wd_num_f32_bits(b));
  return a < b ? a : b;
}

static inline float wd_num_f32_max(float a, float b) {
  if (a != a)
    return wd_num_f32_quiet(a);
  if (b != b)
    return wd_num_f32_quiet(b);
  if (a == b)
    return wd_num_f32_from_bits(wd_num_f32_bits(a) & wd_num_f32_bits(b));
  return a > b ? a : b;
}

static inline double wd_num_f64_min(double a, double b) {
  if (a != a)
    return wd_num_f64_quiet(a);
  if (b != b)
    return wd_num_f64_quiet(b);
  if (a == b)
    return wd_num_f64_from_bits(wd_num_f64_bits(a) | wd_num_f64_bits(b));
  return a < b ? a : b;
}

static inline double wd_num_f64_max(double a, double b) {
  if (a != a)
    return wd_num_f64_quiet(a);
  if (b != b)
    return wd_num_f64_quiet(b);
  if (a == b)
    return wd_num_f64_from_bits(wd_num_f64_bits(a) & wd_num_f64_bits(b));
  return a > b ? a : b;
}

// fabs, fneg, fcopysign: sign-bit operations that keep NaN payloads as is.
static inline float wd_num_f32_abs(float a) {
  return wd_num_f32_from_bits(wd_num_f32_bits(a) & ~WD_NUM_F32_SIGN);
}

static inline float wd_num_f32_neg(float a) {
  return wd_num_f32_from_bits(wd_num_f32_bits(a) ^ WD_NUM_F32_SIGN);
}

static inline float wd_num_f32_copysign(float a, float b) {
  return wd_num_f32_from_bits((wd_num_f32_bits(a) & ~WD_NUM_F32_SIGN) |
                              (wd_num_f32_bits(b) & WD_NUM_F32_SIGN));
}

static inline double wd_num_f64_abs(double a) {
  return wd_num_f64_from_bits(wd_num_f64_bits(a) & ~WD_NUM_F64_SIGN);
}

static inline double wd_num_f64_neg(double a) {
  return wd_num_f64_from_bits(wd_num_f64_bits(a) ^ WD_NUM_F64_SIGN);
}

static inline double wd_num_f64_copysign(double a, double b) {
  return wd_num_f64_from_bits((wd_num_f64_bits(a) & ~WD_NUM_F64_SIGN) |
                              (wd_num_f64_bits(b) & WD_NUM_F64_SIGN));
}

// fceil, ffloor, ftrunc, fnearest: round to an integral value, keeping the
// sign of zero (the C functions do: -0.5 -> -0.0). nearest rounds ties to
// even: nearbyint in the default rounding mode, without raising inexact.
// NaN in gives the quieted operand, whatever the C library would do.
static inline float wd_num_f32_ceil(float a) { return a != a ? wd_num_f32_quiet(a) : ceilf(a); }
static inline float wd_num_f32_floor(float a) { return a != a ? wd_num_f32_quiet(a) : floorf(a); }
static inline float wd_num_f32_trunc(float a) { return a != a ? wd_num_f32_quiet(a) : truncf(a); }
static inline float wd_num_f32_nearest(float a) {
  return a != a ? wd_num_f32_quiet(a) : nearbyintf(a);
}
static inline double wd_num_f64_ceil(double a) { return a != a ? wd_num_f64_quiet(a) : ceil(a); }
static inline double wd_num_f64_floor(double a) { return a != a ? wd_num_f64_quiet(a) : floor(a); }
static inline double wd_num_f64_trunc(double a) { return a != a ? wd_num_f64_quiet(a) : trunc(a); }
static inline double wd_num_f64_nearest(double a) {
  return a != a ? wd_num_f64_quiet(a) : nearbyint(a);
}

// feq, fne, flt, fgt, fle, fge: IEEE comparisons (false with a NaN, except
// ne), results 0 or 1.
static inline uint32_t wd_num_f32_eq(float a, float b) { return a == b; }
static inline uint32_t wd_num_f32_ne(float a, float b) { return a != b; }
static inline uint32_t wd_num_f32_lt(float a, float b) { return a < b; }
static inline uint32_t wd_num_f32_gt(float a, float b) { return a > b; }
static inline uint32_t wd_num_f32_le(float a, float b) { return a <= b; }
static inline uint32_t wd_num_f32_ge(float a, float b) { return a >= b; }
static inline uint32_t wd_num_f64_eq(double a, double b) { return a == b; }
static inline uint32_t wd_num_f64_ne(double a, double b) { return a != b; }
static inline uint32_t wd_num_f64_lt(double a, double b) { return a < b; }
static inline uint32_t wd_num_f64_gt(double a, double b) { return a > b; }
static inline uint32_t wd_num_f64_le(double a, double b) { return a <= b; }
static inline uint32_t wd_num_f64_ge(double a, double b) { return a >= b; }

// ---------------------------------------------------------------------------
// Conversions (4.3.4).
// ---------------------------------------------------------------------------

// trunc_u, trunc_s: NaN traps as "invalid conversion to integer"; a value
// whose truncation is outside the target range traps as "integer overflow".
// The bounds are exact in the source type: a value is in range iff
// MIN - 1 < x < MAX + 1. Where MIN - 1 is not representable in the source
// type (it rounds to MIN there), the lower test becomes x >= MIN, which is the
// same set of representable values. Inside the range the C cast truncates
// toward zero and is defined.
static inline int wd_num_i32_trunc_f32_s(float x, uint32_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x >= -0x1p31f && x < 0x1p31f))
    return WD_NUM_OVERFLOW;
  *out = (uint32_t)(int32_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i32_trunc_f32_u(float x, uint32_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x > -1.0f && x < 0x1p32f))
    return WD_NUM_OVERFLOW;
  *out = (uint32_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i32_trunc_f64_s(double x, uint32_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x > -2147483649.0 && x < 2147483648.0))
    return WD_NUM_OVERFLOW;
  *out = (uint32_t)(int32_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i32_trunc_f64_u(double x, uint32_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x > -1.0 && x < 4294967296.0))
    return WD_NUM_OVERFLOW;
  *out = (uint32_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i64_trunc_f32_s(float x, uint64_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x >= -0x1p63f && x < 0x1p63f))
    return WD_NUM_OVERFLOW;
  *out = (uint64_t)(int64_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i64_trunc_f32_u(float x, uint64_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x > -1.0f && x < 0x1p64f))
    return WD_NUM_OVERFLOW;
  *out = (uint64_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i64_trunc_f64_s(double x, uint64_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x >= -0x1p63 && x < 0x1p63))
    return WD_NUM_OVERFLOW;
  *out = (uint64_t)(int64_t)x;
  return WD_NUM_OK;
}

static inline int wd_num_i64_trunc_f64_u(double x, uint64_t *out) {
  if (x != x)
    return WD_NUM_BAD_CONVERSION;
  if (!(x > -1.0 && x < 0x1p64))
    return WD_NUM_OVERFLOW;
  *out = (uint64_t)x;
  return WD_NUM_OK;
}

// trunc_sat_u, trunc_sat_s: NaN gives 0; out-of-range values clamp to the
// nearest bound (the range tests are those of the trapping versions).
static inline uint32_t wd_num_i32_trunc_sat_f32_s(float x) {
  if (x != x)
    return 0;
  if (x < -0x1p31f)
    return 0x80000000u;
  if (x >= 0x1p31f)
    return 0x7fffffffu;
  return (uint32_t)(int32_t)x;
}

static inline uint32_t wd_num_i32_trunc_sat_f32_u(float x) {
  if (x != x || x <= -1.0f)
    return 0;
  if (x >= 0x1p32f)
    return UINT32_MAX;
  return (uint32_t)x;
}

static inline uint32_t wd_num_i32_trunc_sat_f64_s(double x) {
  if (x != x)
    return 0;
  if (x <= -2147483649.0)
    return 0x80000000u;
  if (x >= 2147483648.0)
    return 0x7fffffffu;
  return (uint32_t)(int32_t)x;
}

static inline uint32_t wd_num_i32_trunc_sat_f64_u(double x) {
  if (x != x || x <= -1.0)
    return 0;
  if (x >= 4294967296.0)
    return UINT32_MAX;
  return (uint32_t)x;
}

static inline uint64_t wd_num_i64_trunc_sat_f32_s(float x) {
  if (x != x)
    return 0;
  if (x < -0x1p63f)
    return 0x8000000000000000u;
  if (x >= 0x1p63f)
    return 0x7fffffffffffffffu;
  return (uint64_t)(int64_t)x;
}

static inline uint64_t wd_num_i64_trunc_sat_f32_u(float x) {
  if (x != x || x <= -1.0f)
    return 0;
  if (x >= 0x1p64f)
    return UINT64_MAX;
  return (uint64_t)x;
}

static inline uint64_t wd_num_i64_trunc_sat_f64_s(double x) {
  if (x != x)
    return 0;
  if (x < -0x1p63)
    return 0x8000000000000000u;
  if (x >= 0x1p63)
    return 0x7fffffffffffffffu;
  return (uint64_t)(int64_t)x;
}

static inline uint64_t wd_num_i64_trunc_sat_f64_u(double x) {
  if (x != x || x <= -1.0)
    return 0;
  if (x >= 0x1p64)
    return UINT64_MAX;
  return (uint64_t)x;
}

// convert_u, convert_s: round to nearest, ties to even.
// The compiler's own integer-to-float conversions are only used where they are
// exact (the integer fits in the significand), because some targets convert
// 64-bit integers through double and round twice. Wider magnitudes are
// rounded here in integer arithmetic: keep the top `bits` significant bits,
// round the rest half-to-even, then scale by a power of two, which is exact.

// Rounds a nonzero magnitude m to `bits` significant bits (24 or 53) and
// returns the kept significand (at most 2^bits) and its scale exponent.
static inline uint64_t wd_num_round_sig(uint64_t m, unsigned bits, unsigned *shift) {
  unsigned width = 64 - (unsigned)wd_num_i64_clz(m); // m < 2^width
  if (width <= bits) {
    *shift = 0;
    return m;
  }
  unsigned s = width - bits; // 1 <= s <= 40
  uint64_t kept = m >> s;    // exactly `bits` bits
  uint64_t rest = m & ((UINT64_C(1) << s) - 1);
  uint64_t half = UINT64_C(1) << (s - 1);
  if (rest > half || (rest == half && (kept & 1)))
    kept++; // may reach 2^bits: still exact
  *shift = s;
  return kept;
}

// 2^s as a float/double for 0 <= s <= 63: exact, since powers of two are.
static inline float wd_num_f32_pow2(unsigned s) { return (float)(UINT64_C(1) << s); }
static inline double wd_num_f64_pow2(unsigned s) { return (double)(UINT64_C(1) << s); }

static inline float wd_num_f32_from_mag(uint64_t m) {
  if (m < (UINT64_C(1) << 24))
    return (float)(uint32_t)m; // exact
  unsigned s;
  uint64_t kept = wd_num_round_sig(m, 24, &s);
  return (float)(uint32_t)kept * wd_num_f32_pow2(s); // kept <= 2^24: exact; product exact
}

static inline double wd_num_f64_from_mag(uint64_t m) {
  if (m < (UINT64_C(1) << 53))
    return (double)m; // exact
  unsigned s;
  uint64_t kept = wd_num_round_sig(m, 53, &s);
  return (double)kept * wd_num_f64_pow2(s);
}

// Magnitude of a two's complement value, in unsigned arithmetic.
static inline uint64_t wd_num_mag64(uint64_t a) { return (a >> 63) ? 0u - a : a; }

static inline float wd_num_f32_convert_i32_u(uint32_t a) { return wd_num_f32_from_mag(a); }
static inline float wd_num_f32_convert_i64_u(uint64_t a) { return wd_num_f32_from_mag(a); }

static inline float wd_num_f32_convert_i32_s(uint32_t a) {
  uint64_t m = wd_num_mag64(wd_num_i64_extend_i32_s(a));
  float r = wd_num_f32_from_mag(m);
  return (a >> 31) ? -r : r;
}

static inline float wd_num_f32_convert_i64_s(uint64_t a) {
  float r = wd_num_f32_from_mag(wd_num_mag64(a));
  return (a >> 63) ? -r : r;
}

// Every 32-bit integer is exact in a double.
static inline double wd_num_f64_convert_i32_u(uint32_t a) { return (double)a; }
static inline double wd_num_f64_convert_i32_s(uint32_t a) { return (double)wd_num_s32(a); }
static inline double wd_num_f64_convert_i64_u(uint64_t a) { return wd_num_f64_from_mag(a); }

static inline double wd_num_f64_convert_i64_s(uint64_t a) {
  double r = wd_num_f64_from_mag(wd_num_mag64(a));
  return (a >> 63) ? -r : r;
}

// f32.demote_f64: correctly rounded by the hardware conversion (overflow to
// infinity, subnormals kept). NaN gives a quiet NaN with the operand's sign
// and the top of its payload, so a canonical NaN stays canonical.
static inline float wd_num_f32_demote_f64(double x) {
  if (x != x) {
    uint64_t u = wd_num_f64_bits(x);
    uint32_t sign = (uint32_t)(u >> 32) & WD_NUM_F32_SIGN;
    uint32_t payload = (uint32_t)((u & 0x000fffffffffffffu) >> 29);
    return wd_num_f32_from_bits(sign | 0x7f800000u | WD_NUM_F32_QUIET | payload);
  }
  return (float)x;
}

// f64.promote_f32: exact. NaN gives a quiet NaN with the same sign and
// payload (moved to the top of the wider payload).
static inline double wd_num_f64_promote_f32(float x) {
  if (x != x) {
    uint32_t u = wd_num_f32_bits(x);
    uint64_t sign = (uint64_t)(u & WD_NUM_F32_SIGN) << 32;
    uint64_t payload = (uint64_t)(u & 0x007fffffu) << 29;
    return wd_num_f64_from_bits(sign | 0x7ff0000000000000u | WD_NUM_F64_QUIET | payload);
  }
  return (double)x;
}

#endif
