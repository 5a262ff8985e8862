// SPDX-License-Identifier: Apache-2.0
// ward: exact WebAssembly 2.0 SIMD semantics (the v128 instructions, chapter
// 4.4.3 "Vector Instructions" and 4.3 "Numerics") and the 20 relaxed-SIMD
// instructions of WebAssembly 3.0, as static inline functions for the
// interpreter.
//
// Conventions
// - A v128 is a wd_v128_t: 16 bytes, lane i of an NxM shape at byte offset
//   i * (N / 8), little-endian, as in linear memory. It is passed and returned
//   by value and is only ever read and written with memcpy or unaligned vector
//   loads and stores, so it needs no more than 1-byte alignment (the
//   interpreter keeps it in two 8-byte frame cells).
// - One function per instruction, named wd_v_ + the text name with the dots
//   made underscores: wd_v_i8x16_add, wd_v_f32x4_min, wd_v_v128_bitselect...
//   Integer scalars travel as their unsigned bit patterns (uint32_t for i32,
//   uint64_t for i64), floats as float / double, as in numeric.h. Lane
//   immediates are taken modulo the lane count (the validator has already
//   rejected larger ones); shift counts modulo the lane width, as the spec says.
// - Memory instructions: the interpreter does the access (bounds check, then a
//   little-endian read or write of 1..16 bytes); these functions only build or
//   take apart the vector: wd_v_load8x8_s(the 8 bytes read, as a uint64_t),
//   wd_v_load32_zero, wd_v_load16_splat, wd_v_load8_lane(v, lane, byte),
//   wd_v_store32_lane(v, lane) and so on. wd_v_load / wd_v_store copy 16 bytes.
// - Float lanes follow the scalar rules of numeric.h exactly: a NaN operand
//   gives a quiet NaN (canonical in, canonical out), min/max order -0 below +0
//   and give the quieted first NaN operand (bit-identical to wd_num_f32_min
//   and friends), rounding is to nearest even, trunc_sat saturates and maps
//   NaN to 0, conversions are correctly rounded.
//
// Paths (chosen at compile time, from the same source)
// - SSE2 on x86-64 (__SSE2__), plus SSSE3 / SSE4.1 instructions where the
//   compiler targets them (__SSSE3__, __SSE4_1__);
// - NEON on AArch64 (__aarch64__ with __ARM_NEON);
// - portable C for everything, and for the operations where no vector
//   instruction gives the exact wasm result.
// Define WD_SIMD_PORTABLE to 1 before including this header to force the
// portable path (tests/unit/test_simd.c compares both paths on every
// operation). All paths give bit-identical results, except the payload and
// sign of NaNs produced by arithmetic (add, sub, mul, div, sqrt, relaxed
// madd and nmadd), where the spec allows any quiet NaN of the right class and
// the hardware and the compiler choose.
//
// Requirements as numeric.h (IEEE 754 types, default rounding mode, no
// -ffast-math, no x87 excess precision); build with -ffp-contract=off, and
// a little-endian host.
#ifndef WARD_INTERP_SIMD_H
#define WARD_INTERP_SIMD_H

#include <stdint.h>
#include <string.h>

#include "interp/numeric.h"

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ward's SIMD lanes assume a little-endian host"
#endif
#endif

#ifndef WD_SIMD_PORTABLE
#define WD_SIMD_PORTABLE 0
#endif

#if !WD_SIMD_PORTABLE && defined(__SSE2__)
#define WD_SIMD_SSE2 1
#include <emmintrin.h>
#else
#define WD_SIMD_SSE2 0
#endif
#if WD_SIMD_SSE2 && defined(__SSSE3__)
#define WD_SIMD_SSSE3 1
#include <tmmintrin.h>
#else
#define WD_SIMD_SSSE3 0
#endif
#if WD_SIMD_SSE2 && defined(__SSE4_1__)
#define WD_SIMD_SSE41 1
#include <smmintrin.h>
#else
#define WD_SIMD_SSE41 0
#endif
#if !WD_SIMD_PORTABLE && defined(__aarch64__) && defined(__ARM_NEON)
#define WD_SIMD_NEON 1
#include <arm_neon.h>
#else
#define WD_SIMD_NEON 0
#endif

typedef union wd_v128 {
  uint8_t u8[16];
  int8_t i8[16];
  uint16_t u16[8];
  int16_t i16[8];
  uint32_t u32[4];
  int32_t i32[4];
  uint64_t u64[2];
  int64_t i64[2];
  float f32[4];
  double f64[2];
} wd_v128_t;

// ---------------------------------------------------------------------------
// Internal helpers.
// ---------------------------------------------------------------------------

// Moves between wd_v128_t and the host's vector registers (memcpy compiles to
// one unaligned load or store, or nothing).
#if WD_SIMD_SSE2
static inline __m128i wd_v_xi(wd_v128_t a) {
  __m128i x;
  memcpy(&x, &a, 16);
  return x;
}
static inline __m128 wd_v_xf(wd_v128_t a) {
  __m128 x;
  memcpy(&x, &a, 16);
  return x;
}
static inline __m128d wd_v_xd(wd_v128_t a) {
  __m128d x;
  memcpy(&x, &a, 16);
  return x;
}
static inline wd_v128_t wd_v_of_xi(__m128i x) {
  wd_v128_t r;
  memcpy(&r, &x, 16);
  return r;
}
static inline wd_v128_t wd_v_of_xf(__m128 x) {
  wd_v128_t r;
  memcpy(&r, &x, 16);
  return r;
}
static inline wd_v128_t wd_v_of_xd(__m128d x) {
  wd_v128_t r;
  memcpy(&r, &x, 16);
  return r;
}
// mask ? a : b, bit by bit.
static inline __m128i wd_v_x_sel(__m128i mask, __m128i a, __m128i b) {
  return _mm_or_si128(_mm_and_si128(mask, a), _mm_andnot_si128(mask, b));
}
// a with lane `lane` (of `bytes` bytes) taken from x, a splat of the new
// value: a blend in registers. Writing the lane into a copy in memory and
// reading all 16 bytes back would stall the load (a wide load after a
// narrower store cannot forward), a dozen cycles or more.
static inline wd_v128_t wd_v_x_put_lane(wd_v128_t a, __m128i x, unsigned bytes, unsigned lane) {
  // Byte k of the vector belongs to lane k / bytes.
  __m128i lane_of_byte;
  switch (bytes) {
  case 1: lane_of_byte = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15); break;
  case 2: lane_of_byte = _mm_setr_epi8(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7); break;
  case 4: lane_of_byte = _mm_setr_epi8(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3); break;
  default: lane_of_byte = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1); break;
  }
  __m128i m = _mm_cmpeq_epi8(lane_of_byte, _mm_set1_epi8((char)(lane & (16u / bytes - 1u))));
  return wd_v_of_xi(wd_v_x_sel(m, x, wd_v_xi(a)));
}
#define WD_V_X_SPLAT64(x) _mm_set_epi32((int)((x) >> 32), (int)(x), (int)((x) >> 32), (int)(x))
#endif

#if WD_SIMD_NEON
static inline uint8x16_t wd_v_nu8(wd_v128_t a) { return vld1q_u8(a.u8); }
static inline int8x16_t wd_v_ns8(wd_v128_t a) { return vld1q_s8(a.i8); }
static inline uint16x8_t wd_v_nu16(wd_v128_t a) { return vreinterpretq_u16_u8(vld1q_u8(a.u8)); }
static inline int16x8_t wd_v_ns16(wd_v128_t a) { return vreinterpretq_s16_u8(vld1q_u8(a.u8)); }
static inline uint32x4_t wd_v_nu32(wd_v128_t a) { return vreinterpretq_u32_u8(vld1q_u8(a.u8)); }
static inline int32x4_t wd_v_ns32(wd_v128_t a) { return vreinterpretq_s32_u8(vld1q_u8(a.u8)); }
static inline uint64x2_t wd_v_nu64(wd_v128_t a) { return vreinterpretq_u64_u8(vld1q_u8(a.u8)); }
static inline int64x2_t wd_v_ns64(wd_v128_t a) { return vreinterpretq_s64_u8(vld1q_u8(a.u8)); }
static inline float32x4_t wd_v_nf32(wd_v128_t a) { return vreinterpretq_f32_u8(vld1q_u8(a.u8)); }
static inline float64x2_t wd_v_nf64(wd_v128_t a) { return vreinterpretq_f64_u8(vld1q_u8(a.u8)); }
static inline wd_v128_t wd_v_of_nu8(uint8x16_t x) {
  wd_v128_t r;
  vst1q_u8(r.u8, x);
  return r;
}
static inline wd_v128_t wd_v_of_ns8(int8x16_t x) { return wd_v_of_nu8(vreinterpretq_u8_s8(x)); }
static inline wd_v128_t wd_v_of_nu16(uint16x8_t x) { return wd_v_of_nu8(vreinterpretq_u8_u16(x)); }
static inline wd_v128_t wd_v_of_ns16(int16x8_t x) { return wd_v_of_nu8(vreinterpretq_u8_s16(x)); }
static inline wd_v128_t wd_v_of_nu32(uint32x4_t x) { return wd_v_of_nu8(vreinterpretq_u8_u32(x)); }
static inline wd_v128_t wd_v_of_ns32(int32x4_t x) { return wd_v_of_nu8(vreinterpretq_u8_s32(x)); }
static inline wd_v128_t wd_v_of_nu64(uint64x2_t x) { return wd_v_of_nu8(vreinterpretq_u8_u64(x)); }
static inline wd_v128_t wd_v_of_ns64(int64x2_t x) { return wd_v_of_nu8(vreinterpretq_u8_s64(x)); }
static inline wd_v128_t wd_v_of_nf32(float32x4_t x) { return wd_v_of_nu8(vreinterpretq_u8_f32(x)); }
static inline wd_v128_t wd_v_of_nf64(float64x2_t x) { return wd_v_of_nu8(vreinterpretq_u8_f64(x)); }
#endif

// Two's complement readings of lane bit patterns, and saturation, without
// implementation-defined conversions.
static inline int32_t wd_v_s8(uint8_t u) { return (int32_t)u - ((int32_t)(u & 0x80u) << 1); }
static inline int32_t wd_v_s16(uint16_t u) { return (int32_t)u - ((int32_t)(u & 0x8000u) << 1); }
static inline uint8_t wd_v_sat_s8(int32_t x) {
  return (uint8_t)(x < -128 ? 0x80u : x > 127 ? 0x7fu : (uint32_t)x & 0xffu);
}
static inline uint8_t wd_v_sat_u8(int32_t x) {
  return (uint8_t)(x < 0 ? 0u : x > 255 ? 0xffu : (uint32_t)x);
}
static inline uint16_t wd_v_sat_s16(int32_t x) {
  return (uint16_t)(x < -32768 ? 0x8000u : x > 32767 ? 0x7fffu : (uint32_t)x & 0xffffu);
}
static inline uint16_t wd_v_sat_u16(int32_t x) {
  return (uint16_t)(x < 0 ? 0u : x > 65535 ? 0xffffu : (uint32_t)x);
}
static inline uint16_t wd_v_sat_s16_64(int64_t x) {
  return (uint16_t)(x < -32768 ? 0x8000u : x > 32767 ? 0x7fffu : (uint64_t)x & 0xffffu);
}
// Arithmetic shift right of a 32-bit value read as signed, n < 32.
static inline uint32_t wd_v_sra32(uint32_t a, unsigned n) {
  return (a & 0x80000000u) ? ~(~a >> n) : a >> n;
}
// All-ones or all-zeros lane masks from a truth value.
static inline uint8_t wd_v_m8(int c) { return c ? 0xffu : 0u; }
static inline uint16_t wd_v_m16(int c) { return c ? 0xffffu : 0u; }
static inline uint32_t wd_v_m32(int c) { return c ? 0xffffffffu : 0u; }
static inline uint64_t wd_v_m64(int c) { return c ? UINT64_MAX : 0u; }

// ---------------------------------------------------------------------------
// Constants, memory helpers, loads and stores.
// ---------------------------------------------------------------------------

// v128.const: the 16 immediate bytes.
static inline wd_v128_t wd_v_v128_const(const uint8_t bytes[16]) {
  wd_v128_t r;
  memcpy(r.u8, bytes, 16);
  return r;
}

// v128.load / v128.store once the address is checked: 16 bytes, any alignment.
static inline wd_v128_t wd_v_load(const void *p) {
  wd_v128_t r;
  memcpy(&r, p, 16);
  return r;
}
static inline void wd_v_store(void *p, wd_v128_t a) { memcpy(p, &a, 16); }

// v128.load8x8_s/u, load16x4_s/u, load32x2_s/u: `bits` are the 8 bytes read
// (little-endian, byte i is bits 8i..8i+7), each half-width lane extended.
static inline wd_v128_t wd_v_load8x8_s(uint64_t bits) {
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)((((bits >> (8 * i)) & 0xffu) ^ 0x80u) - 0x80u);
  return r;
}
static inline wd_v128_t wd_v_load8x8_u(uint64_t bits) {
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)((bits >> (8 * i)) & 0xffu);
  return r;
}
static inline wd_v128_t wd_v_load16x4_s(uint64_t bits) {
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)((((bits >> (16 * i)) & 0xffffu) ^ 0x8000u) - 0x8000u);
  return r;
}
static inline wd_v128_t wd_v_load16x4_u(uint64_t bits) {
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)((bits >> (16 * i)) & 0xffffu);
  return r;
}
static inline wd_v128_t wd_v_load32x2_s(uint64_t bits) {
  wd_v128_t r;
  r.u64[0] = wd_num_i64_extend_i32_s((uint32_t)bits);
  r.u64[1] = wd_num_i64_extend_i32_s((uint32_t)(bits >> 32));
  return r;
}
static inline wd_v128_t wd_v_load32x2_u(uint64_t bits) {
  wd_v128_t r;
  r.u64[0] = (uint32_t)bits;
  r.u64[1] = bits >> 32;
  return r;
}

// Forward declarations: the splat loads are the splats.
static inline wd_v128_t wd_v_i8x16_splat(uint32_t x);
static inline wd_v128_t wd_v_i16x8_splat(uint32_t x);
static inline wd_v128_t wd_v_i32x4_splat(uint32_t x);
static inline wd_v128_t wd_v_i64x2_splat(uint64_t x);

// v128.load8_splat ... load64_splat: the value read, in every lane.
static inline wd_v128_t wd_v_load8_splat(uint32_t x) { return wd_v_i8x16_splat(x); }
static inline wd_v128_t wd_v_load16_splat(uint32_t x) { return wd_v_i16x8_splat(x); }
static inline wd_v128_t wd_v_load32_splat(uint32_t x) { return wd_v_i32x4_splat(x); }
static inline wd_v128_t wd_v_load64_splat(uint64_t x) { return wd_v_i64x2_splat(x); }

// v128.load32_zero, load64_zero: the value read in lane 0, zeros elsewhere.
static inline wd_v128_t wd_v_load32_zero(uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cvtsi32_si128((int)x)); // a narrow store + wide load would stall
#else
  wd_v128_t r;
  memset(&r, 0, sizeof r);
  r.u32[0] = x;
  return r;
#endif
}
static inline wd_v128_t wd_v_load64_zero(uint64_t x) {
  wd_v128_t r;
  r.u64[0] = x;
  r.u64[1] = 0;
  return r;
}

// v128.load8_lane ... load64_lane: the vector with one lane replaced by the
// value read; v128.store8_lane ... store64_lane: the lane to write.
static inline wd_v128_t wd_v_load8_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi8((char)x), 1, lane);
#else
  a.u8[lane & 15] = (uint8_t)x;
  return a;
#endif
}
static inline wd_v128_t wd_v_load16_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi16((short)x), 2, lane);
#else
  a.u16[lane & 7] = (uint16_t)x;
  return a;
#endif
}
static inline wd_v128_t wd_v_load32_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi32((int)x), 4, lane);
#else
  a.u32[lane & 3] = x;
  return a;
#endif
}
static inline wd_v128_t wd_v_load64_lane(wd_v128_t a, unsigned lane, uint64_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, WD_V_X_SPLAT64(x), 8, lane);
#else
  a.u64[lane & 1] = x;
  return a;
#endif
}
static inline uint8_t wd_v_store8_lane(wd_v128_t a, unsigned lane) { return a.u8[lane & 15]; }
static inline uint16_t wd_v_store16_lane(wd_v128_t a, unsigned lane) { return a.u16[lane & 7]; }
static inline uint32_t wd_v_store32_lane(wd_v128_t a, unsigned lane) { return a.u32[lane & 3]; }
static inline uint64_t wd_v_store64_lane(wd_v128_t a, unsigned lane) { return a.u64[lane & 1]; }

// ---------------------------------------------------------------------------
// Splat, extract_lane, replace_lane, shuffle, swizzle.
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_splat(uint32_t x) {
  wd_v128_t r;
  memset(r.u8, (int)(x & 0xffu), 16);
  return r;
}
static inline wd_v128_t wd_v_i16x8_splat(uint32_t x) {
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)x;
  return r;
}
static inline wd_v128_t wd_v_i32x4_splat(uint32_t x) {
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = x;
  return r;
}
static inline wd_v128_t wd_v_i64x2_splat(uint64_t x) {
  wd_v128_t r;
  r.u64[0] = r.u64[1] = x;
  return r;
}
static inline wd_v128_t wd_v_f32x4_splat(float x) { return wd_v_i32x4_splat(wd_num_f32_bits(x)); }
static inline wd_v128_t wd_v_f64x2_splat(double x) { return wd_v_i64x2_splat(wd_num_f64_bits(x)); }

// extract_lane: i8x16 and i16x8 lanes extend to i32 (signed or unsigned).
static inline uint32_t wd_v_i8x16_extract_lane_s(wd_v128_t a, unsigned lane) {
  return wd_num_i32_extend8_s(a.u8[lane & 15]);
}
static inline uint32_t wd_v_i8x16_extract_lane_u(wd_v128_t a, unsigned lane) {
  return a.u8[lane & 15];
}
static inline uint32_t wd_v_i16x8_extract_lane_s(wd_v128_t a, unsigned lane) {
  return wd_num_i32_extend16_s(a.u16[lane & 7]);
}
static inline uint32_t wd_v_i16x8_extract_lane_u(wd_v128_t a, unsigned lane) {
  return a.u16[lane & 7];
}
static inline uint32_t wd_v_i32x4_extract_lane(wd_v128_t a, unsigned lane) {
  return a.u32[lane & 3];
}
static inline uint64_t wd_v_i64x2_extract_lane(wd_v128_t a, unsigned lane) {
  return a.u64[lane & 1];
}
static inline float wd_v_f32x4_extract_lane(wd_v128_t a, unsigned lane) {
  return wd_num_f32_from_bits(a.u32[lane & 3]);
}
static inline double wd_v_f64x2_extract_lane(wd_v128_t a, unsigned lane) {
  return wd_num_f64_from_bits(a.u64[lane & 1]);
}

// replace_lane: i8x16 and i16x8 take the low bits of the i32 operand.
static inline wd_v128_t wd_v_i8x16_replace_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi8((char)x), 1, lane);
#else
  a.u8[lane & 15] = (uint8_t)x;
  return a;
#endif
}
static inline wd_v128_t wd_v_i16x8_replace_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi16((short)x), 2, lane);
#else
  a.u16[lane & 7] = (uint16_t)x;
  return a;
#endif
}
static inline wd_v128_t wd_v_i32x4_replace_lane(wd_v128_t a, unsigned lane, uint32_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi32((int)x), 4, lane);
#else
  a.u32[lane & 3] = x;
  return a;
#endif
}
static inline wd_v128_t wd_v_i64x2_replace_lane(wd_v128_t a, unsigned lane, uint64_t x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, WD_V_X_SPLAT64(x), 8, lane);
#else
  a.u64[lane & 1] = x;
  return a;
#endif
}
static inline wd_v128_t wd_v_f32x4_replace_lane(wd_v128_t a, unsigned lane, float x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, _mm_set1_epi32((int)wd_num_f32_bits(x)), 4, lane);
#else
  a.u32[lane & 3] = wd_num_f32_bits(x);
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_replace_lane(wd_v128_t a, unsigned lane, double x) {
#if WD_SIMD_SSE2
  return wd_v_x_put_lane(a, WD_V_X_SPLAT64(wd_num_f64_bits(x)), 8, lane);
#else
  a.u64[lane & 1] = wd_num_f64_bits(x);
  return a;
#endif
}

// i8x16.swizzle: lane i is a[s[i]], or 0 where s[i] >= 16.
static inline wd_v128_t wd_v_i8x16_swizzle(wd_v128_t a, wd_v128_t s) {
#if WD_SIMD_SSSE3
  // pshufb zeroes a lane whose index has bit 7 set and uses the low 4 bits
  // otherwise: adding 0x70 with unsigned saturation sets bit 7 exactly for
  // the indices >= 16.
  __m128i idx = _mm_adds_epu8(wd_v_xi(s), _mm_set1_epi8(0x70));
  return wd_v_of_xi(_mm_shuffle_epi8(wd_v_xi(a), idx));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vqtbl1q_u8(wd_v_nu8(a), wd_v_nu8(s))); // >= 16 gives 0
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = s.u8[i] < 16 ? a.u8[s.u8[i]] : 0;
  return r;
#endif
}

// i8x16.shuffle: lane i is (a ++ b)[idx[i]]; the validator ensures idx < 32
// (taken modulo 32 here).
static inline wd_v128_t wd_v_i8x16_shuffle(wd_v128_t a, wd_v128_t b, const uint8_t idx[16]) {
#if WD_SIMD_SSSE3
  __m128i ix =
      _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)idx), _mm_set1_epi8(31));
  // From a: indices 0..15 as they are, 16..31 with bit 7 set (zero).
  __m128i ia = _mm_or_si128(ix, _mm_cmpgt_epi8(ix, _mm_set1_epi8(15)));
  // From b: indices 16..31 minus 16, 0..15 with bit 7 set.
  __m128i ib =
      _mm_or_si128(_mm_sub_epi8(ix, _mm_set1_epi8(16)), _mm_cmplt_epi8(ix, _mm_set1_epi8(16)));
  return wd_v_of_xi(
      _mm_or_si128(_mm_shuffle_epi8(wd_v_xi(a), ia), _mm_shuffle_epi8(wd_v_xi(b), ib)));
#elif WD_SIMD_NEON
  uint8x16x2_t t = {{wd_v_nu8(a), wd_v_nu8(b)}};
  return wd_v_of_nu8(vqtbl2q_u8(t, vandq_u8(vld1q_u8(idx), vdupq_n_u8(31))));
#else
  // One 32-byte table rather than `k < 16 ? a.u8[k] : b.u8[k - 16]`: GCC 12
  // for i386 at -O3 turns that into one load from a and b side by side on
  // its stack, and schedules lane 0's load before b is stored there.
  uint8_t t[32];
  memcpy(t, a.u8, 16);
  memcpy(t + 16, b.u8, 16);
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = t[idx[i] & 31u];
  return r;
#endif
}

// ---------------------------------------------------------------------------
// Bitwise operations (v128).
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_v128_not(wd_v128_t a) {
  a.u64[0] = ~a.u64[0];
  a.u64[1] = ~a.u64[1];
  return a;
}
static inline wd_v128_t wd_v_v128_and(wd_v128_t a, wd_v128_t b) {
  a.u64[0] &= b.u64[0];
  a.u64[1] &= b.u64[1];
  return a;
}
// v128.andnot: a & ~b.
static inline wd_v128_t wd_v_v128_andnot(wd_v128_t a, wd_v128_t b) {
  a.u64[0] &= ~b.u64[0];
  a.u64[1] &= ~b.u64[1];
  return a;
}
static inline wd_v128_t wd_v_v128_or(wd_v128_t a, wd_v128_t b) {
  a.u64[0] |= b.u64[0];
  a.u64[1] |= b.u64[1];
  return a;
}
static inline wd_v128_t wd_v_v128_xor(wd_v128_t a, wd_v128_t b) {
  a.u64[0] ^= b.u64[0];
  a.u64[1] ^= b.u64[1];
  return a;
}
// v128.bitselect(a, b, c): bits of a where c is 1, of b where c is 0.
static inline wd_v128_t wd_v_v128_bitselect(wd_v128_t a, wd_v128_t b, wd_v128_t c) {
  wd_v128_t r;
  r.u64[0] = (a.u64[0] & c.u64[0]) | (b.u64[0] & ~c.u64[0]);
  r.u64[1] = (a.u64[1] & c.u64[1]) | (b.u64[1] & ~c.u64[1]);
  return r;
}
static inline uint32_t wd_v_v128_any_true(wd_v128_t a) { return (a.u64[0] | a.u64[1]) != 0; }

// ---------------------------------------------------------------------------
// Lane tests: all_true, bitmask.
// ---------------------------------------------------------------------------

static inline uint32_t wd_v_i8x16_all_true(wd_v128_t a) {
#if WD_SIMD_SSE2
  return _mm_movemask_epi8(_mm_cmpeq_epi8(wd_v_xi(a), _mm_setzero_si128())) == 0;
#elif WD_SIMD_NEON
  return vminvq_u8(wd_v_nu8(a)) != 0;
#else
  for (unsigned i = 0; i < 16; i++)
    if (a.u8[i] == 0)
      return 0;
  return 1;
#endif
}
static inline uint32_t wd_v_i16x8_all_true(wd_v128_t a) {
#if WD_SIMD_SSE2
  return _mm_movemask_epi8(_mm_cmpeq_epi16(wd_v_xi(a), _mm_setzero_si128())) == 0;
#elif WD_SIMD_NEON
  return vminvq_u16(wd_v_nu16(a)) != 0;
#else
  for (unsigned i = 0; i < 8; i++)
    if (a.u16[i] == 0)
      return 0;
  return 1;
#endif
}
static inline uint32_t wd_v_i32x4_all_true(wd_v128_t a) {
#if WD_SIMD_SSE2
  return _mm_movemask_epi8(_mm_cmpeq_epi32(wd_v_xi(a), _mm_setzero_si128())) == 0;
#elif WD_SIMD_NEON
  return vminvq_u32(wd_v_nu32(a)) != 0;
#else
  for (unsigned i = 0; i < 4; i++)
    if (a.u32[i] == 0)
      return 0;
  return 1;
#endif
}
static inline uint32_t wd_v_i64x2_all_true(wd_v128_t a) { return a.u64[0] != 0 && a.u64[1] != 0; }

// bitmask: bit i of the result is the top bit of lane i.
static inline uint32_t wd_v_i8x16_bitmask(wd_v128_t a) {
#if WD_SIMD_SSE2
  return (uint32_t)_mm_movemask_epi8(wd_v_xi(a));
#else
  uint32_t m = 0;
  for (unsigned i = 0; i < 16; i++)
    m |= (uint32_t)(a.u8[i] >> 7) << i;
  return m;
#endif
}
static inline uint32_t wd_v_i16x8_bitmask(wd_v128_t a) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(x, x)) & 0xffu;
#else
  uint32_t m = 0;
  for (unsigned i = 0; i < 8; i++)
    m |= (uint32_t)(a.u16[i] >> 15) << i;
  return m;
#endif
}
static inline uint32_t wd_v_i32x4_bitmask(wd_v128_t a) {
#if WD_SIMD_SSE2
  return (uint32_t)_mm_movemask_ps(wd_v_xf(a));
#else
  uint32_t m = 0;
  for (unsigned i = 0; i < 4; i++)
    m |= (a.u32[i] >> 31) << i;
  return m;
#endif
}
static inline uint32_t wd_v_i64x2_bitmask(wd_v128_t a) {
  return (uint32_t)(a.u64[0] >> 63) | (uint32_t)(a.u64[1] >> 63) << 1;
}

// ---------------------------------------------------------------------------
// Integer arithmetic: add, sub, mul, neg, abs (modulo 2^N).
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_add(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_add_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vaddq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(a.u8[i] + b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_add(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_add_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vaddq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(a.u16[i] + b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_add(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_add_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vaddq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] + b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_add(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_add_epi64(wd_v_xi(a), wd_v_xi(b)));
#else
  a.u64[0] += b.u64[0];
  a.u64[1] += b.u64[1];
  return a;
#endif
}
static inline wd_v128_t wd_v_i8x16_sub(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vsubq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(a.u8[i] - b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_sub(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vsubq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(a.u16[i] - b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_sub(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vsubq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] - b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_sub(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi64(wd_v_xi(a), wd_v_xi(b)));
#else
  a.u64[0] -= b.u64[0];
  a.u64[1] -= b.u64[1];
  return a;
#endif
}
static inline wd_v128_t wd_v_i16x8_mul(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_mullo_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vmulq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)((uint32_t)a.u16[i] * b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_mul(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_mullo_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  // Lanes 0 and 2, then 1 and 3, as 64-bit products; keep the low halves.
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  __m128i even = _mm_mul_epu32(x, y);
  __m128i odd = _mm_mul_epu32(_mm_srli_epi64(x, 32), _mm_srli_epi64(y, 32));
  return wd_v_of_xi(_mm_unpacklo_epi32(_mm_shuffle_epi32(even, _MM_SHUFFLE(0, 0, 2, 0)),
                                       _mm_shuffle_epi32(odd, _MM_SHUFFLE(0, 0, 2, 0))));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmulq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] * b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_mul(wd_v128_t a, wd_v128_t b) {
  a.u64[0] *= b.u64[0];
  a.u64[1] *= b.u64[1];
  return a;
}

static inline wd_v128_t wd_v_i8x16_neg(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi8(_mm_setzero_si128(), wd_v_xi(a)));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vnegq_s8(wd_v_ns8(a))); // wraps: -(-128) is -128
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(0u - a.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_neg(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi16(_mm_setzero_si128(), wd_v_xi(a)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vnegq_s16(wd_v_ns16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(0u - a.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_neg(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sub_epi32(_mm_setzero_si128(), wd_v_xi(a)));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vnegq_s32(wd_v_ns32(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = 0u - a.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_neg(wd_v128_t a) {
  a.u64[0] = 0u - a.u64[0];
  a.u64[1] = 0u - a.u64[1];
  return a;
}

// abs: |x|, with abs(INT_MIN) = INT_MIN (wrapping).
static inline wd_v128_t wd_v_i8x16_abs(wd_v128_t a) {
#if WD_SIMD_SSSE3
  return wd_v_of_xi(_mm_abs_epi8(wd_v_xi(a)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_min_epu8(x, _mm_sub_epi8(_mm_setzero_si128(), x)));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vabsq_s8(wd_v_ns8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (a.u8[i] & 0x80u) ? (uint8_t)(0u - a.u8[i]) : a.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_abs(wd_v128_t a) {
#if WD_SIMD_SSSE3
  return wd_v_of_xi(_mm_abs_epi16(wd_v_xi(a)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_max_epi16(x, _mm_sub_epi16(_mm_setzero_si128(), x)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vabsq_s16(wd_v_ns16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (a.u16[i] & 0x8000u) ? (uint16_t)(0u - a.u16[i]) : a.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_abs(wd_v128_t a) {
#if WD_SIMD_SSSE3
  return wd_v_of_xi(_mm_abs_epi32(wd_v_xi(a)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), s = _mm_srai_epi32(x, 31);
  return wd_v_of_xi(_mm_sub_epi32(_mm_xor_si128(x, s), s));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vabsq_s32(wd_v_ns32(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (a.u32[i] >> 31) ? 0u - a.u32[i] : a.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_abs(wd_v128_t a) {
  for (unsigned i = 0; i < 2; i++)
    a.u64[i] = (a.u64[i] >> 63) ? 0u - a.u64[i] : a.u64[i];
  return a;
}

// ---------------------------------------------------------------------------
// Saturating arithmetic, averages, Q15 multiplication, popcnt.
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_add_sat_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_adds_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vqaddq_s8(wd_v_ns8(a), wd_v_ns8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_sat_s8(wd_v_s8(a.u8[i]) + wd_v_s8(b.u8[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_add_sat_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_adds_epu8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vqaddq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_sat_u8((int32_t)a.u8[i] + b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_sub_sat_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_subs_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vqsubq_s8(wd_v_ns8(a), wd_v_ns8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_sat_s8(wd_v_s8(a.u8[i]) - wd_v_s8(b.u8[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_sub_sat_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_subs_epu8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vqsubq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_sat_u8((int32_t)a.u8[i] - b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_add_sat_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_adds_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vqaddq_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_sat_s16(wd_v_s16(a.u16[i]) + wd_v_s16(b.u16[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_add_sat_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_adds_epu16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vqaddq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_sat_u16((int32_t)a.u16[i] + b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_sub_sat_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_subs_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vqsubq_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_sat_s16(wd_v_s16(a.u16[i]) - wd_v_s16(b.u16[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_sub_sat_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_subs_epu16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vqsubq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_sat_u16((int32_t)a.u16[i] - b.u16[i]);
  return r;
#endif
}

// avgr_u: (a + b + 1) / 2 without overflow.
static inline wd_v128_t wd_v_i8x16_avgr_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_avg_epu8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vrhaddq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(((uint32_t)a.u8[i] + b.u8[i] + 1) >> 1);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_avgr_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_avg_epu16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vrhaddq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(((uint32_t)a.u16[i] + b.u16[i] + 1) >> 1);
  return r;
#endif
}

// i16x8.q15mulr_sat_s: (a * b + 2^14) >> 15, saturated (only
// -32768 * -32768 overflows, to 32767).
static inline wd_v128_t wd_v_i16x8_q15mulr_sat_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSSE3
  // pmulhrsw computes the same rounding but wraps the one overflow to -32768.
  __m128i r = _mm_mulhrs_epi16(wd_v_xi(a), wd_v_xi(b));
  return wd_v_of_xi(_mm_xor_si128(r, _mm_cmpeq_epi16(r, _mm_set1_epi16(INT16_MIN))));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vqrdmulhq_s16(wd_v_ns16(a), wd_v_ns16(b))); // saturates
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++) {
    int32_t p = wd_v_s16(a.u16[i]) * wd_v_s16(b.u16[i]); // |p| <= 2^30
    uint32_t q = wd_v_sra32((uint32_t)p + 0x4000u, 15);
    r.u16[i] = wd_v_sat_s16(wd_num_s32(q));
  }
  return r;
#endif
}

static inline wd_v128_t wd_v_i8x16_popcnt(wd_v128_t a) {
#if WD_SIMD_SSSE3
  const __m128i lut = _mm_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
  const __m128i low4 = _mm_set1_epi8(0x0f);
  __m128i x = wd_v_xi(a);
  __m128i lo = _mm_shuffle_epi8(lut, _mm_and_si128(x, low4));
  __m128i hi = _mm_shuffle_epi8(lut, _mm_and_si128(_mm_srli_epi16(x, 4), low4));
  return wd_v_of_xi(_mm_add_epi8(lo, hi));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  x = _mm_sub_epi8(x, _mm_and_si128(_mm_srli_epi16(x, 1), _mm_set1_epi8(0x55)));
  x = _mm_add_epi8(_mm_and_si128(x, _mm_set1_epi8(0x33)),
                   _mm_and_si128(_mm_srli_epi16(x, 2), _mm_set1_epi8(0x33)));
  x = _mm_and_si128(_mm_add_epi8(x, _mm_srli_epi16(x, 4)), _mm_set1_epi8(0x0f));
  return wd_v_of_xi(x);
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vcntq_u8(wd_v_nu8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)wd_num_i32_popcnt(a.u8[i]);
  return r;
#endif
}

// ---------------------------------------------------------------------------
// Integer min and max.
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_min_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_min_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(wd_v_x_sel(_mm_cmplt_epi8(x, y), x, y));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vminq_s8(wd_v_ns8(a), wd_v_ns8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_s8(a.u8[i]) < wd_v_s8(b.u8[i]) ? a.u8[i] : b.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_min_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_min_epu8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vminq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = a.u8[i] < b.u8[i] ? a.u8[i] : b.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_max_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_max_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(wd_v_x_sel(_mm_cmpgt_epi8(x, y), x, y));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vmaxq_s8(wd_v_ns8(a), wd_v_ns8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_s8(a.u8[i]) > wd_v_s8(b.u8[i]) ? a.u8[i] : b.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_max_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_max_epu8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vmaxq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = a.u8[i] > b.u8[i] ? a.u8[i] : b.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_min_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_min_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vminq_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_s16(a.u16[i]) < wd_v_s16(b.u16[i]) ? a.u16[i] : b.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_min_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_min_epu16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  // a - sat(a - b) is min(a, b).
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_sub_epi16(x, _mm_subs_epu16(x, wd_v_xi(b))));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vminq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = a.u16[i] < b.u16[i] ? a.u16[i] : b.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_max_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_max_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vmaxq_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_s16(a.u16[i]) > wd_v_s16(b.u16[i]) ? a.u16[i] : b.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_max_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_max_epu16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  // b + sat(a - b) is max(a, b).
  __m128i y = wd_v_xi(b);
  return wd_v_of_xi(_mm_add_epi16(y, _mm_subs_epu16(wd_v_xi(a), y)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vmaxq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = a.u16[i] > b.u16[i] ? a.u16[i] : b.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_min_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_min_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(wd_v_x_sel(_mm_cmplt_epi32(x, y), x, y));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vminq_s32(wd_v_ns32(a), wd_v_ns32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_s32(a.u32[i]) < wd_num_s32(b.u32[i]) ? a.u32[i] : b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_min_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_min_epu32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b), bias = _mm_set1_epi32(INT32_MIN);
  __m128i lt = _mm_cmplt_epi32(_mm_xor_si128(x, bias), _mm_xor_si128(y, bias));
  return wd_v_of_xi(wd_v_x_sel(lt, x, y));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vminq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] < b.u32[i] ? a.u32[i] : b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_max_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_max_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(wd_v_x_sel(_mm_cmpgt_epi32(x, y), x, y));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vmaxq_s32(wd_v_ns32(a), wd_v_ns32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_s32(a.u32[i]) > wd_num_s32(b.u32[i]) ? a.u32[i] : b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_max_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_max_epu32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b), bias = _mm_set1_epi32(INT32_MIN);
  __m128i gt = _mm_cmpgt_epi32(_mm_xor_si128(x, bias), _mm_xor_si128(y, bias));
  return wd_v_of_xi(wd_v_x_sel(gt, x, y));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmaxq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] > b.u32[i] ? a.u32[i] : b.u32[i];
  return r;
#endif
}

// ---------------------------------------------------------------------------
// Shifts: the count is taken modulo the lane width.
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_shl(wd_v128_t a, uint32_t count) {
  unsigned n = count & 7u;
#if WD_SIMD_SSE2
  // Shift 16-bit lanes, then clear the bits that crossed from the low byte.
  __m128i x = _mm_sll_epi16(wd_v_xi(a), _mm_cvtsi32_si128((int)n));
  return wd_v_of_xi(_mm_and_si128(x, _mm_set1_epi8((char)(0xffu << n & 0xffu))));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vshlq_u8(wd_v_nu8(a), vdupq_n_s8((int8_t)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(a.u8[i] << n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_shr_u(wd_v128_t a, uint32_t count) {
  unsigned n = count & 7u;
#if WD_SIMD_SSE2
  __m128i x = _mm_srl_epi16(wd_v_xi(a), _mm_cvtsi32_si128((int)n));
  return wd_v_of_xi(_mm_and_si128(x, _mm_set1_epi8((char)(0xffu >> n))));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vshlq_u8(wd_v_nu8(a), vdupq_n_s8((int8_t) - (int)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)(a.u8[i] >> n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_shr_s(wd_v128_t a, uint32_t count) {
  unsigned n = count & 7u;
#if WD_SIMD_SSE2
  // Each byte in the high half of a 16-bit lane shifts arithmetically as is;
  // the low byte is first moved up to the high half.
  __m128i x = wd_v_xi(a), c = _mm_cvtsi32_si128((int)n + 8);
  __m128i lo = _mm_sra_epi16(_mm_slli_epi16(x, 8), c);
  __m128i hi = _mm_sra_epi16(x, _mm_cvtsi32_si128((int)n));
  lo = _mm_and_si128(lo, _mm_set1_epi16(0x00ff));
  hi = _mm_andnot_si128(_mm_set1_epi16(0x00ff), hi);
  return wd_v_of_xi(_mm_or_si128(lo, hi));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vshlq_s8(wd_v_ns8(a), vdupq_n_s8((int8_t) - (int)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = (uint8_t)wd_v_sra32(wd_num_i32_extend8_s(a.u8[i]), n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_shl(wd_v128_t a, uint32_t count) {
  unsigned n = count & 15u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sll_epi16(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vshlq_u16(wd_v_nu16(a), vdupq_n_s16((int16_t)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)((uint32_t)a.u16[i] << n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_shr_u(wd_v128_t a, uint32_t count) {
  unsigned n = count & 15u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_srl_epi16(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vshlq_u16(wd_v_nu16(a), vdupq_n_s16((int16_t) - (int)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(a.u16[i] >> n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_shr_s(wd_v128_t a, uint32_t count) {
  unsigned n = count & 15u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sra_epi16(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vshlq_s16(wd_v_ns16(a), vdupq_n_s16((int16_t) - (int)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)wd_v_sra32(wd_num_i32_extend16_s(a.u16[i]), n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_shl(wd_v128_t a, uint32_t count) {
  unsigned n = count & 31u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sll_epi32(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vshlq_u32(wd_v_nu32(a), vdupq_n_s32((int32_t)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] << n;
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_shr_u(wd_v128_t a, uint32_t count) {
  unsigned n = count & 31u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_srl_epi32(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vshlq_u32(wd_v_nu32(a), vdupq_n_s32(-(int32_t)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u32[i] >> n;
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_shr_s(wd_v128_t a, uint32_t count) {
  unsigned n = count & 31u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sra_epi32(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vshlq_s32(wd_v_ns32(a), vdupq_n_s32(-(int32_t)n)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_v_sra32(a.u32[i], n);
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_shl(wd_v128_t a, uint32_t count) {
  unsigned n = count & 63u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_sll_epi64(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu64(vshlq_u64(wd_v_nu64(a), vdupq_n_s64((int64_t)n)));
#else
  a.u64[0] <<= n;
  a.u64[1] <<= n;
  return a;
#endif
}
static inline wd_v128_t wd_v_i64x2_shr_u(wd_v128_t a, uint32_t count) {
  unsigned n = count & 63u;
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_srl_epi64(wd_v_xi(a), _mm_cvtsi32_si128((int)n)));
#elif WD_SIMD_NEON
  return wd_v_of_nu64(vshlq_u64(wd_v_nu64(a), vdupq_n_s64(-(int64_t)n)));
#else
  a.u64[0] >>= n;
  a.u64[1] >>= n;
  return a;
#endif
}
static inline wd_v128_t wd_v_i64x2_shr_s(wd_v128_t a, uint32_t count) {
#if WD_SIMD_NEON
  return wd_v_of_ns64(vshlq_s64(wd_v_ns64(a), vdupq_n_s64(-(int64_t)(count & 63u))));
#else
  a.u64[0] = wd_num_i64_shr_s(a.u64[0], count);
  a.u64[1] = wd_num_i64_shr_s(a.u64[1], count);
  return a;
#endif
}

// ---------------------------------------------------------------------------
// Integer comparisons: all ones where true, zeros where false.
// ---------------------------------------------------------------------------

// x86 has only eq and signed gt; unsigned orders flip the sign bits first.

static inline wd_v128_t wd_v_i8x16_eq(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmpeq_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vceqq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_m8(a.u8[i] == b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_ne(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i8x16_eq(a, b));
}
static inline wd_v128_t wd_v_i8x16_lt_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmplt_epi8(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vcltq_s8(wd_v_ns8(a), wd_v_ns8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_m8(wd_v_s8(a.u8[i]) < wd_v_s8(b.u8[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_gt_s(wd_v128_t a, wd_v128_t b) { return wd_v_i8x16_lt_s(b, a); }
static inline wd_v128_t wd_v_i8x16_le_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i8x16_lt_s(b, a));
}
static inline wd_v128_t wd_v_i8x16_ge_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i8x16_lt_s(a, b));
}
static inline wd_v128_t wd_v_i8x16_le_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_cmpeq_epi8(_mm_min_epu8(x, wd_v_xi(b)), x));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vcleq_u8(wd_v_nu8(a), wd_v_nu8(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 16; i++)
    r.u8[i] = wd_v_m8(a.u8[i] <= b.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_ge_u(wd_v128_t a, wd_v128_t b) { return wd_v_i8x16_le_u(b, a); }
static inline wd_v128_t wd_v_i8x16_lt_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i8x16_le_u(b, a));
}
static inline wd_v128_t wd_v_i8x16_gt_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i8x16_le_u(a, b));
}

static inline wd_v128_t wd_v_i16x8_eq(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmpeq_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vceqq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_m16(a.u16[i] == b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_ne(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i16x8_eq(a, b));
}
static inline wd_v128_t wd_v_i16x8_lt_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmplt_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vcltq_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_m16(wd_v_s16(a.u16[i]) < wd_v_s16(b.u16[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_lt_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i bias = _mm_set1_epi16(INT16_MIN);
  return wd_v_of_xi(
      _mm_cmplt_epi16(_mm_xor_si128(wd_v_xi(a), bias), _mm_xor_si128(wd_v_xi(b), bias)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vcltq_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = wd_v_m16(a.u16[i] < b.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_gt_s(wd_v128_t a, wd_v128_t b) { return wd_v_i16x8_lt_s(b, a); }
static inline wd_v128_t wd_v_i16x8_le_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i16x8_lt_s(b, a));
}
static inline wd_v128_t wd_v_i16x8_ge_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i16x8_lt_s(a, b));
}
static inline wd_v128_t wd_v_i16x8_gt_u(wd_v128_t a, wd_v128_t b) { return wd_v_i16x8_lt_u(b, a); }
static inline wd_v128_t wd_v_i16x8_le_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i16x8_lt_u(b, a));
}
static inline wd_v128_t wd_v_i16x8_ge_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i16x8_lt_u(a, b));
}

static inline wd_v128_t wd_v_i32x4_eq(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmpeq_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vceqq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_v_m32(a.u32[i] == b.u32[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_ne(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i32x4_eq(a, b));
}
static inline wd_v128_t wd_v_i32x4_lt_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_cmplt_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vcltq_s32(wd_v_ns32(a), wd_v_ns32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_v_m32(wd_num_s32(a.u32[i]) < wd_num_s32(b.u32[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_lt_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i bias = _mm_set1_epi32(INT32_MIN);
  return wd_v_of_xi(
      _mm_cmplt_epi32(_mm_xor_si128(wd_v_xi(a), bias), _mm_xor_si128(wd_v_xi(b), bias)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vcltq_u32(wd_v_nu32(a), wd_v_nu32(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_v_m32(a.u32[i] < b.u32[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_gt_s(wd_v128_t a, wd_v128_t b) { return wd_v_i32x4_lt_s(b, a); }
static inline wd_v128_t wd_v_i32x4_le_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i32x4_lt_s(b, a));
}
static inline wd_v128_t wd_v_i32x4_ge_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i32x4_lt_s(a, b));
}
static inline wd_v128_t wd_v_i32x4_gt_u(wd_v128_t a, wd_v128_t b) { return wd_v_i32x4_lt_u(b, a); }
static inline wd_v128_t wd_v_i32x4_le_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i32x4_lt_u(b, a));
}
static inline wd_v128_t wd_v_i32x4_ge_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i32x4_lt_u(a, b));
}

static inline wd_v128_t wd_v_i64x2_eq(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_cmpeq_epi64(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu64(vceqq_u64(wd_v_nu64(a), wd_v_nu64(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = wd_v_m64(a.u64[i] == b.u64[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_ne(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i64x2_eq(a, b));
}
static inline wd_v128_t wd_v_i64x2_lt_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_NEON
  return wd_v_of_nu64(vcltq_s64(wd_v_ns64(a), wd_v_ns64(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = wd_v_m64(wd_num_s64(a.u64[i]) < wd_num_s64(b.u64[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_gt_s(wd_v128_t a, wd_v128_t b) { return wd_v_i64x2_lt_s(b, a); }
static inline wd_v128_t wd_v_i64x2_le_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i64x2_lt_s(b, a));
}
static inline wd_v128_t wd_v_i64x2_ge_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_v128_not(wd_v_i64x2_lt_s(a, b));
}

// ---------------------------------------------------------------------------
// Narrowing, extension, extended multiplication, pairwise addition, dot.
// ---------------------------------------------------------------------------

// narrow: the lanes of a then those of b, each saturated to the narrower
// signed (_s) or unsigned (_u) range (the inputs are read as signed).
static inline wd_v128_t wd_v_i8x16_narrow_i16x8_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_packs_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns8(vcombine_s8(vqmovn_s16(wd_v_ns16(a)), vqmovn_s16(wd_v_ns16(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++) {
    r.u8[i] = wd_v_sat_s8(wd_v_s16(a.u16[i]));
    r.u8[i + 8] = wd_v_sat_s8(wd_v_s16(b.u16[i]));
  }
  return r;
#endif
}
static inline wd_v128_t wd_v_i8x16_narrow_i16x8_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_packus_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu8(vcombine_u8(vqmovun_s16(wd_v_ns16(a)), vqmovun_s16(wd_v_ns16(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++) {
    r.u8[i] = wd_v_sat_u8(wd_v_s16(a.u16[i]));
    r.u8[i + 8] = wd_v_sat_u8(wd_v_s16(b.u16[i]));
  }
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_narrow_i32x4_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_packs_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vcombine_s16(vqmovn_s32(wd_v_ns32(a)), vqmovn_s32(wd_v_ns32(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++) {
    r.u16[i] = wd_v_sat_s16(wd_num_s32(a.u32[i]));
    r.u16[i + 4] = wd_v_sat_s16(wd_num_s32(b.u32[i]));
  }
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_narrow_i32x4_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_packus_epi32(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vcombine_u16(vqmovun_s32(wd_v_ns32(a)), vqmovun_s32(wd_v_ns32(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++) {
    r.u16[i] = wd_v_sat_u16(wd_num_s32(a.u32[i]));
    r.u16[i + 4] = wd_v_sat_u16(wd_num_s32(b.u32[i]));
  }
  return r;
#endif
}

// extend_low / extend_high: the low or high half of the lanes, widened.
static inline wd_v128_t wd_v_i16x8_extend_low_i8x16_s(wd_v128_t a) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_cvtepi8_epi16(wd_v_xi(a)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_srai_epi16(_mm_unpacklo_epi8(x, x), 8));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vmovl_s8(vget_low_s8(wd_v_ns8(a))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)wd_num_i32_extend8_s(a.u8[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_extend_high_i8x16_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_srai_epi16(_mm_unpackhi_epi8(x, x), 8));
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vmovl_high_s8(wd_v_ns8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)wd_num_i32_extend8_s(a.u8[i + 8]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_extend_low_i8x16_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_unpacklo_epi8(wd_v_xi(a), _mm_setzero_si128()));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vmovl_u8(vget_low_u8(wd_v_nu8(a))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = a.u8[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_extend_high_i8x16_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_unpackhi_epi8(wd_v_xi(a), _mm_setzero_si128()));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vmovl_high_u8(wd_v_nu8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = a.u8[i + 8];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extend_low_i16x8_s(wd_v128_t a) {
#if WD_SIMD_SSE41
  return wd_v_of_xi(_mm_cvtepi16_epi32(wd_v_xi(a)));
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vmovl_s16(vget_low_s16(wd_v_ns16(a))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_i32_extend16_s(a.u16[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extend_high_i16x8_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  return wd_v_of_xi(_mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vmovl_high_s16(wd_v_ns16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_i32_extend16_s(a.u16[i + 4]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extend_low_i16x8_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_unpacklo_epi16(wd_v_xi(a), _mm_setzero_si128()));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmovl_u16(vget_low_u16(wd_v_nu16(a))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extend_high_i16x8_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_unpackhi_epi16(wd_v_xi(a), _mm_setzero_si128()));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmovl_high_u16(wd_v_nu16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = a.u16[i + 4];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_extend_low_i32x4_s(wd_v128_t a) {
  return wd_v_load32x2_s(a.u64[0]);
}
static inline wd_v128_t wd_v_i64x2_extend_high_i32x4_s(wd_v128_t a) {
  return wd_v_load32x2_s(a.u64[1]);
}
static inline wd_v128_t wd_v_i64x2_extend_low_i32x4_u(wd_v128_t a) {
  return wd_v_load32x2_u(a.u64[0]);
}
static inline wd_v128_t wd_v_i64x2_extend_high_i32x4_u(wd_v128_t a) {
  return wd_v_load32x2_u(a.u64[1]);
}

// extmul: the products of the extended low or high halves (exact).
static inline wd_v128_t wd_v_i16x8_extmul_low_i8x16_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_i16x8_mul(wd_v_i16x8_extend_low_i8x16_s(a), wd_v_i16x8_extend_low_i8x16_s(b));
}
static inline wd_v128_t wd_v_i16x8_extmul_high_i8x16_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_i16x8_mul(wd_v_i16x8_extend_high_i8x16_s(a), wd_v_i16x8_extend_high_i8x16_s(b));
}
static inline wd_v128_t wd_v_i16x8_extmul_low_i8x16_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_i16x8_mul(wd_v_i16x8_extend_low_i8x16_u(a), wd_v_i16x8_extend_low_i8x16_u(b));
}
static inline wd_v128_t wd_v_i16x8_extmul_high_i8x16_u(wd_v128_t a, wd_v128_t b) {
  return wd_v_i16x8_mul(wd_v_i16x8_extend_high_i8x16_u(a), wd_v_i16x8_extend_high_i8x16_u(b));
}

// i32 lanes from 16-bit products: the x86 path interleaves the low and high
// halves of the 32-bit products.
static inline wd_v128_t wd_v_i32x4_extmul_low_i16x8_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(_mm_unpacklo_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epi16(x, y)));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vmull_s16(vget_low_s16(wd_v_ns16(a)), vget_low_s16(wd_v_ns16(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)(wd_v_s16(a.u16[i]) * wd_v_s16(b.u16[i]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extmul_high_i16x8_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(_mm_unpackhi_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epi16(x, y)));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vmull_high_s16(wd_v_ns16(a), wd_v_ns16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)(wd_v_s16(a.u16[i + 4]) * wd_v_s16(b.u16[i + 4]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extmul_low_i16x8_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(_mm_unpacklo_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epu16(x, y)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmull_u16(vget_low_u16(wd_v_nu16(a)), vget_low_u16(wd_v_nu16(b))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)a.u16[i] * b.u16[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extmul_high_i16x8_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  return wd_v_of_xi(_mm_unpackhi_epi16(_mm_mullo_epi16(x, y), _mm_mulhi_epu16(x, y)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vmull_high_u16(wd_v_nu16(a), wd_v_nu16(b)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)a.u16[i + 4] * b.u16[i + 4];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_extmul_low_i32x4_s(wd_v128_t a, wd_v128_t b) {
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = (uint64_t)((int64_t)wd_num_s32(a.u32[i]) * wd_num_s32(b.u32[i]));
  return r;
}
static inline wd_v128_t wd_v_i64x2_extmul_high_i32x4_s(wd_v128_t a, wd_v128_t b) {
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = (uint64_t)((int64_t)wd_num_s32(a.u32[i + 2]) * wd_num_s32(b.u32[i + 2]));
  return r;
}
static inline wd_v128_t wd_v_i64x2_extmul_low_i32x4_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = _mm_shuffle_epi32(wd_v_xi(a), _MM_SHUFFLE(3, 1, 2, 0));
  __m128i y = _mm_shuffle_epi32(wd_v_xi(b), _MM_SHUFFLE(3, 1, 2, 0));
  return wd_v_of_xi(_mm_mul_epu32(x, y));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = (uint64_t)a.u32[i] * b.u32[i];
  return r;
#endif
}
static inline wd_v128_t wd_v_i64x2_extmul_high_i32x4_u(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128i x = _mm_shuffle_epi32(wd_v_xi(a), _MM_SHUFFLE(3, 3, 3, 2));
  __m128i y = _mm_shuffle_epi32(wd_v_xi(b), _MM_SHUFFLE(3, 3, 3, 2));
  return wd_v_of_xi(_mm_mul_epu32(x, y));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.u64[i] = (uint64_t)a.u32[i + 2] * b.u32[i + 2];
  return r;
#endif
}

// extadd_pairwise: lane i is the sum of the extended lanes 2i and 2i + 1.
static inline wd_v128_t wd_v_i16x8_extadd_pairwise_i8x16_s(wd_v128_t a) {
#if WD_SIMD_SSSE3
  return wd_v_of_xi(_mm_maddubs_epi16(_mm_set1_epi8(1), wd_v_xi(a))); // 1 * s8 + 1 * s8
#elif WD_SIMD_NEON
  return wd_v_of_ns16(vpaddlq_s8(wd_v_ns8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] =
        (uint16_t)(wd_num_i32_extend8_s(a.u8[2 * i]) + wd_num_i32_extend8_s(a.u8[2 * i + 1]));
  return r;
#endif
}
static inline wd_v128_t wd_v_i16x8_extadd_pairwise_i8x16_u(wd_v128_t a) {
#if WD_SIMD_SSSE3
  return wd_v_of_xi(_mm_maddubs_epi16(wd_v_xi(a), _mm_set1_epi8(1))); // u8 * 1 + u8 * 1
#elif WD_SIMD_SSE2
  __m128i x = wd_v_xi(a), lo = _mm_set1_epi16(0x00ff);
  return wd_v_of_xi(_mm_add_epi16(_mm_and_si128(x, lo), _mm_srli_epi16(x, 8)));
#elif WD_SIMD_NEON
  return wd_v_of_nu16(vpaddlq_u8(wd_v_nu8(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++)
    r.u16[i] = (uint16_t)(a.u8[2 * i] + a.u8[2 * i + 1]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extadd_pairwise_i16x8_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_madd_epi16(wd_v_xi(a), _mm_set1_epi16(1)));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vpaddlq_s16(wd_v_ns16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_i32_extend16_s(a.u16[2 * i]) + wd_num_i32_extend16_s(a.u16[2 * i + 1]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_extadd_pairwise_i16x8_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  // Bias each lane to signed (x - 32768), add the pairs with pmaddwd, and
  // add 2 * 32768 back.
  __m128i x = _mm_xor_si128(wd_v_xi(a), _mm_set1_epi16(INT16_MIN));
  return wd_v_of_xi(_mm_add_epi32(_mm_madd_epi16(x, _mm_set1_epi16(1)), _mm_set1_epi32(0x10000)));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vpaddlq_u16(wd_v_nu16(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = (uint32_t)a.u16[2 * i] + a.u16[2 * i + 1];
  return r;
#endif
}

// i32x4.dot_i16x8_s: a[2i] * b[2i] + a[2i+1] * b[2i+1], modulo 2^32 (only
// -32768^2 * 2 wraps).
static inline wd_v128_t wd_v_i32x4_dot_i16x8_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xi(_mm_madd_epi16(wd_v_xi(a), wd_v_xi(b)));
#elif WD_SIMD_NEON
  int16x8_t x = wd_v_ns16(a), y = wd_v_ns16(b);
  int32x4_t lo = vmull_s16(vget_low_s16(x), vget_low_s16(y));
  int32x4_t hi = vmull_high_s16(x, y);
  return wd_v_of_nu32(vpaddq_u32(vreinterpretq_u32_s32(lo), vreinterpretq_u32_s32(hi)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++) {
    int32_t p0 = wd_v_s16(a.u16[2 * i]) * wd_v_s16(b.u16[2 * i]);
    int32_t p1 = wd_v_s16(a.u16[2 * i + 1]) * wd_v_s16(b.u16[2 * i + 1]);
    r.u32[i] = (uint32_t)p0 + (uint32_t)p1;
  }
  return r;
#endif
}

// ---------------------------------------------------------------------------
// Float sign operations: abs, neg (bit operations, NaN payloads kept).
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_f32x4_abs(wd_v128_t a) {
  for (unsigned i = 0; i < 4; i++)
    a.u32[i] &= ~WD_NUM_F32_SIGN;
  return a;
}
static inline wd_v128_t wd_v_f32x4_neg(wd_v128_t a) {
  for (unsigned i = 0; i < 4; i++)
    a.u32[i] ^= WD_NUM_F32_SIGN;
  return a;
}
static inline wd_v128_t wd_v_f64x2_abs(wd_v128_t a) {
  a.u64[0] &= ~WD_NUM_F64_SIGN;
  a.u64[1] &= ~WD_NUM_F64_SIGN;
  return a;
}
static inline wd_v128_t wd_v_f64x2_neg(wd_v128_t a) {
  a.u64[0] ^= WD_NUM_F64_SIGN;
  a.u64[1] ^= WD_NUM_F64_SIGN;
  return a;
}

// ---------------------------------------------------------------------------
// Float arithmetic: add, sub, mul, div, sqrt (IEEE 754, round to nearest;
// the hardware's NaN results are quiet and canonical where required).
// ---------------------------------------------------------------------------

#if WD_SIMD_SSE2
#define WD_V_F32_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_xf(sse(wd_v_xf(a), wd_v_xf(b)));                                                \
  }
#define WD_V_F64_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_xd(sse(wd_v_xd(a), wd_v_xd(b)));                                                \
  }
#elif WD_SIMD_NEON
#define WD_V_F32_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_nf32(neon##_f32(wd_v_nf32(a), wd_v_nf32(b)));                                   \
  }
#define WD_V_F64_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_nf64(neon##_f64(wd_v_nf64(a), wd_v_nf64(b)));                                   \
  }
#else
#define WD_V_F32_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    wd_v128_t r;                                                                                   \
    for (unsigned i = 0; i < 4; i++)                                                               \
      r.f32[i] = wd_num_f32_##name(a.f32[i], b.f32[i]);                                            \
    return r;                                                                                      \
  }
#define WD_V_F64_BIN(name, sse, neon, cexpr)                                                       \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    wd_v128_t r;                                                                                   \
    for (unsigned i = 0; i < 2; i++)                                                               \
      r.f64[i] = wd_num_f64_##name(a.f64[i], b.f64[i]);                                            \
    return r;                                                                                      \
  }
#endif
WD_V_F32_BIN(add, _mm_add_ps, vaddq, +)
WD_V_F32_BIN(sub, _mm_sub_ps, vsubq, -)
WD_V_F32_BIN(mul, _mm_mul_ps, vmulq, *)
WD_V_F32_BIN(div, _mm_div_ps, vdivq, /)
WD_V_F64_BIN(add, _mm_add_pd, vaddq, +)
WD_V_F64_BIN(sub, _mm_sub_pd, vsubq, -)
WD_V_F64_BIN(mul, _mm_mul_pd, vmulq, *)
WD_V_F64_BIN(div, _mm_div_pd, vdivq, /)
#undef WD_V_F32_BIN
#undef WD_V_F64_BIN

static inline wd_v128_t wd_v_f32x4_sqrt(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xf(_mm_sqrt_ps(wd_v_xf(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf32(vsqrtq_f32(wd_v_nf32(a)));
#else
  for (unsigned i = 0; i < 4; i++)
    a.f32[i] = wd_num_f32_sqrt(a.f32[i]);
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_sqrt(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xd(_mm_sqrt_pd(wd_v_xd(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf64(vsqrtq_f64(wd_v_nf64(a)));
#else
  for (unsigned i = 0; i < 2; i++)
    a.f64[i] = wd_num_f64_sqrt(a.f64[i]);
  return a;
#endif
}

// ---------------------------------------------------------------------------
// Float min, max (wasm's: NaN wins, -0 < +0) and pmin, pmax (b < a ? b : a).
// ---------------------------------------------------------------------------

// min and max give, in a lane with a NaN operand, the first NaN operand with
// its quiet bit set, as wd_num_f32_min does; otherwise the IEEE min or max
// with -0 < +0. x86 minps(x, y) is x < y ? x : y, so OR-ing the two orders
// gives -0 for (+0, -0), and AND-ing the two maxps orders gives +0.
#if WD_SIMD_SSE2
static inline __m128 wd_v_x_nan32(__m128 a, __m128 b) {
  __m128 na = _mm_cmpunord_ps(a, a);
  __m128 pick = _mm_or_ps(_mm_and_ps(na, a), _mm_andnot_ps(na, b));
  return _mm_or_ps(pick, _mm_castsi128_ps(_mm_set1_epi32(WD_NUM_F32_QUIET)));
}
static inline __m128d wd_v_x_nan64(__m128d a, __m128d b) {
  __m128d na = _mm_cmpunord_pd(a, a);
  __m128d pick = _mm_or_pd(_mm_and_pd(na, a), _mm_andnot_pd(na, b));
  return _mm_or_pd(pick, _mm_castsi128_pd(_mm_set1_epi64x((long long)WD_NUM_F64_QUIET)));
}
static inline __m128 wd_v_x_sel_ps(__m128 mask, __m128 a, __m128 b) {
  return _mm_or_ps(_mm_and_ps(mask, a), _mm_andnot_ps(mask, b));
}
static inline __m128d wd_v_x_sel_pd(__m128d mask, __m128d a, __m128d b) {
  return _mm_or_pd(_mm_and_pd(mask, a), _mm_andnot_pd(mask, b));
}
#endif
#if WD_SIMD_NEON
static inline float32x4_t wd_v_n_nan32(float32x4_t a, float32x4_t b) {
  uint32x4_t na = vmvnq_u32(vceqq_f32(a, a));
  uint32x4_t pick = vbslq_u32(na, vreinterpretq_u32_f32(a), vreinterpretq_u32_f32(b));
  return vreinterpretq_f32_u32(vorrq_u32(pick, vdupq_n_u32(WD_NUM_F32_QUIET)));
}
static inline float64x2_t wd_v_n_nan64(float64x2_t a, float64x2_t b) {
  uint64x2_t na = vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(vceqq_f64(a, a))));
  uint64x2_t pick = vbslq_u64(na, vreinterpretq_u64_f64(a), vreinterpretq_u64_f64(b));
  return vreinterpretq_f64_u64(vorrq_u64(pick, vdupq_n_u64(WD_NUM_F64_QUIET)));
}
// Lanes where a or b is NaN.
static inline uint32x4_t wd_v_n_unord32(float32x4_t a, float32x4_t b) {
  return vmvnq_u32(vandq_u32(vceqq_f32(a, a), vceqq_f32(b, b)));
}
static inline uint64x2_t wd_v_n_unord64(float64x2_t a, float64x2_t b) {
  uint64x2_t ord = vandq_u64(vceqq_f64(a, a), vceqq_f64(b, b));
  return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(ord)));
}
#endif

static inline wd_v128_t wd_v_f32x4_min(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128 x = wd_v_xf(a), y = wd_v_xf(b);
  __m128 m = _mm_or_ps(_mm_min_ps(x, y), _mm_min_ps(y, x));
  return wd_v_of_xf(wd_v_x_sel_ps(_mm_cmpunord_ps(x, y), wd_v_x_nan32(x, y), m));
#elif WD_SIMD_NEON
  float32x4_t x = wd_v_nf32(a), y = wd_v_nf32(b);
  return wd_v_of_nf32(vbslq_f32(wd_v_n_unord32(x, y), wd_v_n_nan32(x, y), vminq_f32(x, y)));
#else
  for (unsigned i = 0; i < 4; i++)
    a.f32[i] = wd_num_f32_min(a.f32[i], b.f32[i]);
  return a;
#endif
}
static inline wd_v128_t wd_v_f32x4_max(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128 x = wd_v_xf(a), y = wd_v_xf(b);
  __m128 m = _mm_and_ps(_mm_max_ps(x, y), _mm_max_ps(y, x));
  return wd_v_of_xf(wd_v_x_sel_ps(_mm_cmpunord_ps(x, y), wd_v_x_nan32(x, y), m));
#elif WD_SIMD_NEON
  float32x4_t x = wd_v_nf32(a), y = wd_v_nf32(b);
  return wd_v_of_nf32(vbslq_f32(wd_v_n_unord32(x, y), wd_v_n_nan32(x, y), vmaxq_f32(x, y)));
#else
  for (unsigned i = 0; i < 4; i++)
    a.f32[i] = wd_num_f32_max(a.f32[i], b.f32[i]);
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_min(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128d x = wd_v_xd(a), y = wd_v_xd(b);
  __m128d m = _mm_or_pd(_mm_min_pd(x, y), _mm_min_pd(y, x));
  return wd_v_of_xd(wd_v_x_sel_pd(_mm_cmpunord_pd(x, y), wd_v_x_nan64(x, y), m));
#elif WD_SIMD_NEON
  float64x2_t x = wd_v_nf64(a), y = wd_v_nf64(b);
  return wd_v_of_nf64(vbslq_f64(wd_v_n_unord64(x, y), wd_v_n_nan64(x, y), vminq_f64(x, y)));
#else
  for (unsigned i = 0; i < 2; i++)
    a.f64[i] = wd_num_f64_min(a.f64[i], b.f64[i]);
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_max(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  __m128d x = wd_v_xd(a), y = wd_v_xd(b);
  __m128d m = _mm_and_pd(_mm_max_pd(x, y), _mm_max_pd(y, x));
  return wd_v_of_xd(wd_v_x_sel_pd(_mm_cmpunord_pd(x, y), wd_v_x_nan64(x, y), m));
#elif WD_SIMD_NEON
  float64x2_t x = wd_v_nf64(a), y = wd_v_nf64(b);
  return wd_v_of_nf64(vbslq_f64(wd_v_n_unord64(x, y), wd_v_n_nan64(x, y), vmaxq_f64(x, y)));
#else
  for (unsigned i = 0; i < 2; i++)
    a.f64[i] = wd_num_f64_max(a.f64[i], b.f64[i]);
  return a;
#endif
}

// pmin: b < a ? b : a; pmax: a < b ? b : a (so a NaN a or b gives a, bit
// for bit). x86 minps(b, a) and maxps(b, a) are exactly these.
static inline wd_v128_t wd_v_f32x4_pmin(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xf(_mm_min_ps(wd_v_xf(b), wd_v_xf(a)));
#elif WD_SIMD_NEON
  float32x4_t x = wd_v_nf32(a), y = wd_v_nf32(b);
  return wd_v_of_nf32(vbslq_f32(vcltq_f32(y, x), y, x));
#else
  for (unsigned i = 0; i < 4; i++)
    if (b.f32[i] < a.f32[i])
      a.u32[i] = b.u32[i];
  return a;
#endif
}
static inline wd_v128_t wd_v_f32x4_pmax(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xf(_mm_max_ps(wd_v_xf(b), wd_v_xf(a)));
#elif WD_SIMD_NEON
  float32x4_t x = wd_v_nf32(a), y = wd_v_nf32(b);
  return wd_v_of_nf32(vbslq_f32(vcltq_f32(x, y), y, x));
#else
  for (unsigned i = 0; i < 4; i++)
    if (a.f32[i] < b.f32[i])
      a.u32[i] = b.u32[i];
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_pmin(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xd(_mm_min_pd(wd_v_xd(b), wd_v_xd(a)));
#elif WD_SIMD_NEON
  float64x2_t x = wd_v_nf64(a), y = wd_v_nf64(b);
  return wd_v_of_nf64(vbslq_f64(vcltq_f64(y, x), y, x));
#else
  for (unsigned i = 0; i < 2; i++)
    if (b.f64[i] < a.f64[i])
      a.u64[i] = b.u64[i];
  return a;
#endif
}
static inline wd_v128_t wd_v_f64x2_pmax(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  return wd_v_of_xd(_mm_max_pd(wd_v_xd(b), wd_v_xd(a)));
#elif WD_SIMD_NEON
  float64x2_t x = wd_v_nf64(a), y = wd_v_nf64(b);
  return wd_v_of_nf64(vbslq_f64(vcltq_f64(x, y), y, x));
#else
  for (unsigned i = 0; i < 2; i++)
    if (a.f64[i] < b.f64[i])
      a.u64[i] = b.u64[i];
  return a;
#endif
}

// ---------------------------------------------------------------------------
// Float rounding to integral values: ceil, floor, trunc, nearest (ties to
// even). The sign of zero is kept (ceil(-0.5) is -0); NaN gives the quieted
// operand, as numeric.h does.
// ---------------------------------------------------------------------------

#if WD_SIMD_SSE2 && !WD_SIMD_SSE41
// SSE2 has no rounding instruction. For |x| < 2^23 (2^52 for f64),
// (|x| + 2^23) - 2^23 is |x| rounded to the nearest integer, ties to even,
// in the default rounding mode; floor, ceil and trunc adjust it by one.
// Every result has the sign of x (ceil(-0.5) is -0, floor(0.5) is +0), so the
// sign is put back last. Larger magnitudes, infinities and NaNs are integral
// already: they are kept (NaNs quieted).
enum { WD_V_NEAREST, WD_V_FLOOR, WD_V_CEIL, WD_V_TRUNC };
static inline __m128 wd_v_x_round_ps(__m128 x, int mode) {
  const __m128 sign = _mm_castsi128_ps(_mm_set1_epi32(INT32_MIN));
  const __m128 one = _mm_set1_ps(1.0f), big = _mm_set1_ps(0x1p23f);
  __m128 s = _mm_and_ps(x, sign), ax = _mm_andnot_ps(sign, x);
  __m128 n = _mm_sub_ps(_mm_add_ps(ax, big), big); // nearest of |x|
  if (mode == WD_V_TRUNC) {
    n = _mm_sub_ps(n, _mm_and_ps(_mm_cmpgt_ps(n, ax), one)); // floor of |x|
  } else if (mode != WD_V_NEAREST) {
    __m128 v = _mm_or_ps(n, s); // nearest of x, with x's sign
    if (mode == WD_V_FLOOR)
      v = _mm_sub_ps(v, _mm_and_ps(_mm_cmpgt_ps(v, x), one));
    else
      v = _mm_add_ps(v, _mm_and_ps(_mm_cmplt_ps(v, x), one));
    n = _mm_andnot_ps(sign, v);
  }
  __m128 r = _mm_or_ps(n, s);
  __m128 keep = _mm_cmpnlt_ps(ax, big); // |x| >= 2^23, or NaN
  __m128 kept = _mm_or_ps(
      x, _mm_and_ps(_mm_cmpunord_ps(x, x), _mm_castsi128_ps(_mm_set1_epi32(WD_NUM_F32_QUIET))));
  return wd_v_x_sel_ps(keep, kept, r);
}
static inline __m128d wd_v_x_round_pd(__m128d x, int mode) {
  const __m128d sign = _mm_castsi128_pd(_mm_set1_epi64x(INT64_MIN));
  const __m128d one = _mm_set1_pd(1.0), big = _mm_set1_pd(0x1p52);
  __m128d s = _mm_and_pd(x, sign), ax = _mm_andnot_pd(sign, x);
  __m128d n = _mm_sub_pd(_mm_add_pd(ax, big), big);
  if (mode == WD_V_TRUNC) {
    n = _mm_sub_pd(n, _mm_and_pd(_mm_cmpgt_pd(n, ax), one));
  } else if (mode != WD_V_NEAREST) {
    __m128d v = _mm_or_pd(n, s);
    if (mode == WD_V_FLOOR)
      v = _mm_sub_pd(v, _mm_and_pd(_mm_cmpgt_pd(v, x), one));
    else
      v = _mm_add_pd(v, _mm_and_pd(_mm_cmplt_pd(v, x), one));
    n = _mm_andnot_pd(sign, v);
  }
  __m128d r = _mm_or_pd(n, s);
  __m128d keep = _mm_cmpnlt_pd(ax, big);
  __m128d kept = _mm_or_pd(
      x, _mm_and_pd(_mm_cmpunord_pd(x, x), _mm_castsi128_pd(_mm_set1_epi64x(WD_NUM_F64_QUIET))));
  return wd_v_x_sel_pd(keep, kept, r);
}
#define WD_V_ROUND_PS(x, sse41_mode, mode) wd_v_x_round_ps(x, mode)
#define WD_V_ROUND_PD(x, sse41_mode, mode) wd_v_x_round_pd(x, mode)
#elif WD_SIMD_SSE41
// roundps/roundpd round exactly as wasm requires and quiet NaNs, keeping
// their payload.
#define WD_V_ROUND_PS(x, sse41_mode, mode) _mm_round_ps(x, (sse41_mode) | _MM_FROUND_NO_EXC)
#define WD_V_ROUND_PD(x, sse41_mode, mode) _mm_round_pd(x, (sse41_mode) | _MM_FROUND_NO_EXC)
#endif

#if WD_SIMD_SSE2
#define WD_V_ROUND(name, sse41_mode, mode, neon)                                                   \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a) {                                         \
    return wd_v_of_xf(WD_V_ROUND_PS(wd_v_xf(a), sse41_mode, mode));                                \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a) {                                         \
    return wd_v_of_xd(WD_V_ROUND_PD(wd_v_xd(a), sse41_mode, mode));                                \
  }
#elif WD_SIMD_NEON
#define WD_V_ROUND(name, sse41_mode, mode, neon)                                                   \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a) {                                         \
    return wd_v_of_nf32(neon##_f32(wd_v_nf32(a)));                                                 \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a) {                                         \
    return wd_v_of_nf64(neon##_f64(wd_v_nf64(a)));                                                 \
  }
#else
#define WD_V_ROUND(name, sse41_mode, mode, neon)                                                   \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a) {                                         \
    for (unsigned i = 0; i < 4; i++)                                                               \
      a.f32[i] = wd_num_f32_##name(a.f32[i]);                                                      \
    return a;                                                                                      \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a) {                                         \
    for (unsigned i = 0; i < 2; i++)                                                               \
      a.f64[i] = wd_num_f64_##name(a.f64[i]);                                                      \
    return a;                                                                                      \
  }
#endif
WD_V_ROUND(ceil, _MM_FROUND_TO_POS_INF, WD_V_CEIL, vrndpq)
WD_V_ROUND(floor, _MM_FROUND_TO_NEG_INF, WD_V_FLOOR, vrndmq)
WD_V_ROUND(trunc, _MM_FROUND_TO_ZERO, WD_V_TRUNC, vrndq)
WD_V_ROUND(nearest, _MM_FROUND_TO_NEAREST_INT, WD_V_NEAREST, vrndnq)
#undef WD_V_ROUND

// ---------------------------------------------------------------------------
// Float comparisons: all ones where true (ne is true for NaN, the others
// false).
// ---------------------------------------------------------------------------

#if WD_SIMD_SSE2
#define WD_V_FCMP(name, sse32, sse64, neon, op)                                                    \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_xf(sse32(wd_v_xf(a), wd_v_xf(b)));                                              \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_xd(sse64(wd_v_xd(a), wd_v_xd(b)));                                              \
  }
#elif WD_SIMD_NEON
#define WD_V_FCMP(name, sse32, sse64, neon, op)                                                    \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_nu32(neon##_f32(wd_v_nf32(a), wd_v_nf32(b)));                                   \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    return wd_v_of_nu64(neon##_f64(wd_v_nf64(a), wd_v_nf64(b)));                                   \
  }
#else
#define WD_V_FCMP(name, sse32, sse64, neon, op)                                                    \
  static inline wd_v128_t wd_v_f32x4_##name(wd_v128_t a, wd_v128_t b) {                            \
    wd_v128_t r;                                                                                   \
    for (unsigned i = 0; i < 4; i++)                                                               \
      r.u32[i] = wd_v_m32(a.f32[i] op b.f32[i]);                                                   \
    return r;                                                                                      \
  }                                                                                                \
  static inline wd_v128_t wd_v_f64x2_##name(wd_v128_t a, wd_v128_t b) {                            \
    wd_v128_t r;                                                                                   \
    for (unsigned i = 0; i < 2; i++)                                                               \
      r.u64[i] = wd_v_m64(a.f64[i] op b.f64[i]);                                                   \
    return r;                                                                                      \
  }
#endif
#if WD_SIMD_NEON
// NEON has no "not equal": complement "equal".
static inline uint32x4_t wd_v_n_ne_f32(float32x4_t a, float32x4_t b) {
  return vmvnq_u32(vceqq_f32(a, b));
}
static inline uint64x2_t wd_v_n_ne_f64(float64x2_t a, float64x2_t b) {
  return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(vceqq_f64(a, b))));
}
#endif
WD_V_FCMP(eq, _mm_cmpeq_ps, _mm_cmpeq_pd, vceqq, ==)
WD_V_FCMP(ne, _mm_cmpneq_ps, _mm_cmpneq_pd, wd_v_n_ne, !=)
WD_V_FCMP(lt, _mm_cmplt_ps, _mm_cmplt_pd, vcltq, <)
WD_V_FCMP(gt, _mm_cmpgt_ps, _mm_cmpgt_pd, vcgtq, >)
WD_V_FCMP(le, _mm_cmple_ps, _mm_cmple_pd, vcleq, <=)
WD_V_FCMP(ge, _mm_cmpge_ps, _mm_cmpge_pd, vcgeq, >=)
#undef WD_V_FCMP

// ---------------------------------------------------------------------------
// Conversions.
// ---------------------------------------------------------------------------

// f32x4.convert_i32x4_s/u: correctly rounded (cvtdq2ps rounds by MXCSR, to
// nearest). Unsigned on x86: the high 16 bits times 2^16 and the low 16 bits
// are both exact floats, so their sum is rounded once.
static inline wd_v128_t wd_v_f32x4_convert_i32x4_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xf(_mm_cvtepi32_ps(wd_v_xi(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf32(vcvtq_f32_s32(wd_v_ns32(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.f32[i] = wd_num_f32_convert_i32_s(a.u32[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_f32x4_convert_i32x4_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  __m128i x = wd_v_xi(a);
  __m128 hi = _mm_mul_ps(_mm_cvtepi32_ps(_mm_srli_epi32(x, 16)), _mm_set1_ps(65536.0f));
  __m128 lo = _mm_cvtepi32_ps(_mm_and_si128(x, _mm_set1_epi32(0xffff)));
  return wd_v_of_xf(_mm_add_ps(hi, lo));
#elif WD_SIMD_NEON
  return wd_v_of_nf32(vcvtq_f32_u32(wd_v_nu32(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.f32[i] = wd_num_f32_convert_i32_u(a.u32[i]);
  return r;
#endif
}

// f64x2.convert_low_i32x4_s/u: exact. Unsigned on x86: the bits of 2^52 + x
// make a double exactly, then subtract 2^52.
static inline wd_v128_t wd_v_f64x2_convert_low_i32x4_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xd(_mm_cvtepi32_pd(wd_v_xi(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf64(vcvtq_f64_s64(vmovl_s32(vget_low_s32(wd_v_ns32(a)))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.f64[i] = wd_num_f64_convert_i32_s(a.u32[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_f64x2_convert_low_i32x4_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  __m128i bits = _mm_unpacklo_epi32(wd_v_xi(a), _mm_set1_epi32(0x43300000));
  return wd_v_of_xd(_mm_sub_pd(_mm_castsi128_pd(bits), _mm_set1_pd(0x1p52)));
#elif WD_SIMD_NEON
  return wd_v_of_nf64(vcvtq_f64_u64(vmovl_u32(vget_low_u32(wd_v_nu32(a)))));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 2; i++)
    r.f64[i] = wd_num_f64_convert_i32_u(a.u32[i]);
  return r;
#endif
}

// i32x4.trunc_sat_f32x4_s/u: toward zero, NaN to 0, out of range to the
// nearest bound.
static inline wd_v128_t wd_v_i32x4_trunc_sat_f32x4_s(wd_v128_t a) {
#if WD_SIMD_SSE2
  // cvttps2dq gives 0x80000000 for NaN and both overflows: zero the NaN
  // lanes and flip the positive overflows to 0x7fffffff.
  __m128 x = wd_v_xf(a);
  __m128i t = _mm_and_si128(_mm_cvttps_epi32(x), _mm_castps_si128(_mm_cmpord_ps(x, x)));
  __m128i over = _mm_castps_si128(_mm_cmpge_ps(x, _mm_set1_ps(0x1p31f)));
  return wd_v_of_xi(_mm_xor_si128(t, over));
#elif WD_SIMD_NEON
  return wd_v_of_ns32(vcvtq_s32_f32(wd_v_nf32(a))); // saturates, NaN -> 0
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_i32_trunc_sat_f32_s(a.f32[i]);
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_trunc_sat_f32x4_u(wd_v128_t a) {
#if WD_SIMD_SSE2
  // x0 = x where x > 0, else 0 (NaN too). Below 2^31 cvttps2dq is exact;
  // in [2^31, 2^32) convert x0 - 2^31 (exact) and add 2^31 back; at 2^32 and
  // above, all ones.
  __m128 x = wd_v_xf(a), two31 = _mm_set1_ps(0x1p31f);
  __m128 x0 = _mm_and_ps(x, _mm_cmpgt_ps(x, _mm_setzero_ps()));
  __m128i lo = _mm_cvttps_epi32(x0);
  __m128i hi = _mm_add_epi32(_mm_cvttps_epi32(_mm_sub_ps(x0, two31)), _mm_set1_epi32(INT32_MIN));
  __m128i r = wd_v_x_sel(_mm_castps_si128(_mm_cmpge_ps(x0, two31)), hi, lo);
  return wd_v_of_xi(_mm_or_si128(r, _mm_castps_si128(_mm_cmpge_ps(x0, _mm_set1_ps(0x1p32f)))));
#elif WD_SIMD_NEON
  return wd_v_of_nu32(vcvtq_u32_f32(wd_v_nf32(a)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 4; i++)
    r.u32[i] = wd_num_i32_trunc_sat_f32_u(a.f32[i]);
  return r;
#endif
}

// i32x4.trunc_sat_f64x2_s_zero/u_zero: the two converted lanes, then zeros.
static inline wd_v128_t wd_v_i32x4_trunc_sat_f64x2_s_zero(wd_v128_t a) {
#if WD_SIMD_SSE2
  // Zero the NaNs, clamp to the range (exact in double), then cvttpd2dq.
  __m128d x = wd_v_xd(a);
  x = _mm_and_pd(x, _mm_cmpord_pd(x, x));
  x = _mm_max_pd(_mm_min_pd(x, _mm_set1_pd(2147483647.0)), _mm_set1_pd(-2147483648.0));
  return wd_v_of_xi(_mm_cvttpd_epi32(x));
#elif WD_SIMD_NEON
  int32x2_t t = vqmovn_s64(vcvtq_s64_f64(wd_v_nf64(a)));
  return wd_v_of_ns32(vcombine_s32(t, vdup_n_s32(0)));
#else
  wd_v128_t r;
  r.u32[0] = wd_num_i32_trunc_sat_f64_s(a.f64[0]);
  r.u32[1] = wd_num_i32_trunc_sat_f64_s(a.f64[1]);
  r.u32[2] = r.u32[3] = 0;
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_trunc_sat_f64x2_u_zero(wd_v128_t a) {
#if WD_SIMD_SSE41
  // Zero NaNs and negatives, clamp to 2^32 - 1, truncate, and read the
  // integer from the low bits of 2^52 + t (exact: t < 2^32).
  __m128d x = wd_v_xd(a);
  x = _mm_and_pd(x, _mm_cmpgt_pd(x, _mm_setzero_pd()));
  x = _mm_round_pd(_mm_min_pd(x, _mm_set1_pd(4294967295.0)),
                   _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m128i bits = _mm_castpd_si128(_mm_add_pd(x, _mm_set1_pd(0x1p52)));
  return wd_v_of_xi(_mm_move_epi64(_mm_shuffle_epi32(bits, _MM_SHUFFLE(3, 3, 2, 0))));
#elif WD_SIMD_NEON
  uint32x2_t t = vqmovn_u64(vcvtq_u64_f64(wd_v_nf64(a)));
  return wd_v_of_nu32(vcombine_u32(t, vdup_n_u32(0)));
#else
  wd_v128_t r;
  r.u32[0] = wd_num_i32_trunc_sat_f64_u(a.f64[0]);
  r.u32[1] = wd_num_i32_trunc_sat_f64_u(a.f64[1]);
  r.u32[2] = r.u32[3] = 0;
  return r;
#endif
}

// f32x4.demote_f64x2_zero: the two rounded lanes, then +0.0s. NaNs keep their
// sign and the top of their payload, quieted (as wd_num_f32_demote_f64, and
// as x86 cvtpd2ps and AArch64 FCVTN do).
static inline wd_v128_t wd_v_f32x4_demote_f64x2_zero(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xf(_mm_cvtpd_ps(wd_v_xd(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf32(vcombine_f32(vcvt_f32_f64(wd_v_nf64(a)), vdup_n_f32(0.0f)));
#else
  wd_v128_t r;
  r.f32[0] = wd_num_f32_demote_f64(a.f64[0]);
  r.f32[1] = wd_num_f32_demote_f64(a.f64[1]);
  r.u32[2] = r.u32[3] = 0;
  return r;
#endif
}
// f64x2.promote_low_f32x4: exact; NaNs quieted with their payload (as x86
// cvtps2pd and AArch64 FCVTL do).
static inline wd_v128_t wd_v_f64x2_promote_low_f32x4(wd_v128_t a) {
#if WD_SIMD_SSE2
  return wd_v_of_xd(_mm_cvtps_pd(wd_v_xf(a)));
#elif WD_SIMD_NEON
  return wd_v_of_nf64(vcvt_f64_f32(vget_low_f32(wd_v_nf32(a))));
#else
  wd_v128_t r;
  float x0 = a.f32[0], x1 = a.f32[1];
  r.f64[0] = wd_num_f64_promote_f32(x0);
  r.f64[1] = wd_num_f64_promote_f32(x1);
  return r;
#endif
}

// ---------------------------------------------------------------------------
// Relaxed SIMD (WebAssembly 3.0). Each instruction has one fixed result,
// the same on every host and in every build (the spec allows any one of a
// few per instruction, and requires the choice to be fixed):
// - i8x16.relaxed_swizzle = i8x16.swizzle (indices >= 16 give 0).
// - i32x4.relaxed_trunc_f32x4_s/u, relaxed_trunc_f64x2_s/u_zero = the
//   trunc_sat instructions (NaN gives 0, out of range saturates).
// - f32x4/f64x2.relaxed_madd(a, b, c) = a * b + c and relaxed_nmadd =
//   -(a * b) + c, unfused: the product is rounded, then the sum. Fused would
//   need an FMA unit that baseline x86-64 (SSE2/SSE4.1) lacks, and a software
//   fma is far slower; unfused is two plain vector instructions on every
//   path, and bit-identical to the scalar f32.mul then f32.add.
// - i8x16/i16x8/i32x4/i64x2.relaxed_laneselect = v128.bitselect (bit by
//   bit, not by the top bit of each lane).
// - f32x4/f64x2.relaxed_min/max = f32x4/f64x2.min/max (NaN and -0 < +0 as
//   the deterministic instructions).
// - i16x8.relaxed_q15mulr_s = i16x8.q15mulr_sat_s (-32768 * -32768 gives
//   32767).
// - i16x8.relaxed_dot_i8x16_i7x16_s: both operands signed, each pair of
//   products summed with signed saturation to 16 bits (only
//   -128 * -128 + -128 * -128 = 32768 saturates, to 32767).
//   i32x4.relaxed_dot_i8x16_i7x16_add_s = those 16-bit sums, added in
//   pairs into 32 bits, plus c (modulo 2^32).
// ---------------------------------------------------------------------------

static inline wd_v128_t wd_v_i8x16_relaxed_swizzle(wd_v128_t a, wd_v128_t s) {
  return wd_v_i8x16_swizzle(a, s);
}
static inline wd_v128_t wd_v_i32x4_relaxed_trunc_f32x4_s(wd_v128_t a) {
  return wd_v_i32x4_trunc_sat_f32x4_s(a);
}
static inline wd_v128_t wd_v_i32x4_relaxed_trunc_f32x4_u(wd_v128_t a) {
  return wd_v_i32x4_trunc_sat_f32x4_u(a);
}
static inline wd_v128_t wd_v_i32x4_relaxed_trunc_f64x2_s_zero(wd_v128_t a) {
  return wd_v_i32x4_trunc_sat_f64x2_s_zero(a);
}
static inline wd_v128_t wd_v_i32x4_relaxed_trunc_f64x2_u_zero(wd_v128_t a) {
  return wd_v_i32x4_trunc_sat_f64x2_u_zero(a);
}
static inline wd_v128_t wd_v_f32x4_relaxed_madd(wd_v128_t a, wd_v128_t b, wd_v128_t c) {
  return wd_v_f32x4_add(wd_v_f32x4_mul(a, b), c);
}
static inline wd_v128_t wd_v_f32x4_relaxed_nmadd(wd_v128_t a, wd_v128_t b, wd_v128_t c) {
  return wd_v_f32x4_add(wd_v_f32x4_neg(wd_v_f32x4_mul(a, b)), c);
}
static inline wd_v128_t wd_v_f64x2_relaxed_madd(wd_v128_t a, wd_v128_t b, wd_v128_t c) {
  return wd_v_f64x2_add(wd_v_f64x2_mul(a, b), c);
}
static inline wd_v128_t wd_v_f64x2_relaxed_nmadd(wd_v128_t a, wd_v128_t b, wd_v128_t c) {
  return wd_v_f64x2_add(wd_v_f64x2_neg(wd_v_f64x2_mul(a, b)), c);
}
static inline wd_v128_t wd_v_i8x16_relaxed_laneselect(wd_v128_t a, wd_v128_t b, wd_v128_t m) {
  return wd_v_v128_bitselect(a, b, m);
}
static inline wd_v128_t wd_v_i16x8_relaxed_laneselect(wd_v128_t a, wd_v128_t b, wd_v128_t m) {
  return wd_v_v128_bitselect(a, b, m);
}
static inline wd_v128_t wd_v_i32x4_relaxed_laneselect(wd_v128_t a, wd_v128_t b, wd_v128_t m) {
  return wd_v_v128_bitselect(a, b, m);
}
static inline wd_v128_t wd_v_i64x2_relaxed_laneselect(wd_v128_t a, wd_v128_t b, wd_v128_t m) {
  return wd_v_v128_bitselect(a, b, m);
}
static inline wd_v128_t wd_v_f32x4_relaxed_min(wd_v128_t a, wd_v128_t b) {
  return wd_v_f32x4_min(a, b);
}
static inline wd_v128_t wd_v_f32x4_relaxed_max(wd_v128_t a, wd_v128_t b) {
  return wd_v_f32x4_max(a, b);
}
static inline wd_v128_t wd_v_f64x2_relaxed_min(wd_v128_t a, wd_v128_t b) {
  return wd_v_f64x2_min(a, b);
}
static inline wd_v128_t wd_v_f64x2_relaxed_max(wd_v128_t a, wd_v128_t b) {
  return wd_v_f64x2_max(a, b);
}
static inline wd_v128_t wd_v_i16x8_relaxed_q15mulr_s(wd_v128_t a, wd_v128_t b) {
  return wd_v_i16x8_q15mulr_sat_s(a, b);
}
static inline wd_v128_t wd_v_i16x8_relaxed_dot_i8x16_i7x16_s(wd_v128_t a, wd_v128_t b) {
#if WD_SIMD_SSE2
  // The 16-bit products of the sign-extended bytes are exact; add the even
  // and odd ones with signed saturation.
  __m128i x = wd_v_xi(a), y = wd_v_xi(b);
  __m128i even = _mm_mullo_epi16(_mm_srai_epi16(_mm_slli_epi16(x, 8), 8),
                                 _mm_srai_epi16(_mm_slli_epi16(y, 8), 8));
  __m128i odd = _mm_mullo_epi16(_mm_srai_epi16(x, 8), _mm_srai_epi16(y, 8));
  return wd_v_of_xi(_mm_adds_epi16(even, odd));
#elif WD_SIMD_NEON
  int8x16_t x = wd_v_ns8(a), y = wd_v_ns8(b);
  int16x8_t lo = vmull_s8(vget_low_s8(x), vget_low_s8(y));
  int16x8_t hi = vmull_high_s8(x, y);
  // Products 2i and 2i + 1 of the 16 are the even and odd lanes of (lo, hi).
  return wd_v_of_ns16(vqaddq_s16(vuzp1q_s16(lo, hi), vuzp2q_s16(lo, hi)));
#else
  wd_v128_t r;
  for (unsigned i = 0; i < 8; i++) {
    int32_t p0 = wd_v_s8(a.u8[2 * i]) * wd_v_s8(b.u8[2 * i]);
    int32_t p1 = wd_v_s8(a.u8[2 * i + 1]) * wd_v_s8(b.u8[2 * i + 1]);
    r.u16[i] = wd_v_sat_s16(p0 + p1);
  }
  return r;
#endif
}
static inline wd_v128_t wd_v_i32x4_relaxed_dot_i8x16_i7x16_add_s(wd_v128_t a, wd_v128_t b,
                                                                 wd_v128_t c) {
  return wd_v_i32x4_add(
      wd_v_i32x4_extadd_pairwise_i16x8_s(wd_v_i16x8_relaxed_dot_i8x16_i7x16_s(a, b)), c);
}

#endif
