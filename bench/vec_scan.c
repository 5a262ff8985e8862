/* SPDX-License-Identifier: Apache-2.0 */
/*
 * vec_scan: byte scanning over 1 MiB of generated CSV-like text, 16 bytes
 * at a time with explicit vector code (wasm_simd128.h when built with
 * -msimd128, SSE2 natively, and a scalar path otherwise), the kind of loop
 * inside memchr, line counters and parsers:
 *   - count the newlines;
 *   - count the bytes of a class (ASCII digits, a range compare);
 *   - find every separator (',' ';' or '"') in turn, memchr-style: a vector
 *     loop to the next 16-byte block holding one, then the lowest set bit;
 *   - count the words (a letter that follows a non-letter), comparing each
 *     block with the same block shifted by one byte.
 * Each kernel returns a count or a position hash, identical in every build.
 *
 * Size: the number of passes over the text.
 */
#include "bench.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define VEC 1
typedef v128_t vb;
static inline vb v_load(const uint8_t *p) { return wasm_v128_load(p); }
static inline vb v_splat(uint8_t c) { return wasm_i8x16_splat((int8_t)c); }
static inline vb v_eq(vb a, vb b) { return wasm_i8x16_eq(a, b); }
static inline vb v_or(vb a, vb b) { return wasm_v128_or(a, b); }
static inline vb v_andnot(vb a, vb b) { return wasm_v128_andnot(a, b); } /* a & ~b */
static inline vb v_sub(vb a, vb b) { return wasm_i8x16_sub(a, b); }
static inline vb v_le_u(vb a, vb b) { return wasm_u8x16_le(a, b); }
static inline uint32_t v_mask(vb a) { return wasm_i8x16_bitmask(a); }
#elif defined(__SSE2__)
#include <emmintrin.h>
#define VEC 1
typedef __m128i vb;
static inline vb v_load(const uint8_t *p) { return _mm_loadu_si128((const __m128i *)p); }
static inline vb v_splat(uint8_t c) { return _mm_set1_epi8((char)c); }
static inline vb v_eq(vb a, vb b) { return _mm_cmpeq_epi8(a, b); }
static inline vb v_or(vb a, vb b) { return _mm_or_si128(a, b); }
static inline vb v_andnot(vb a, vb b) { return _mm_andnot_si128(b, a); } /* a & ~b */
static inline vb v_sub(vb a, vb b) { return _mm_sub_epi8(a, b); }
static inline vb v_le_u(vb a, vb b) { return _mm_cmpeq_epi8(_mm_min_epu8(a, b), a); }
static inline uint32_t v_mask(vb a) { return (uint32_t)_mm_movemask_epi8(a); }
#else
#define VEC 0
#endif

#define TEXT (1u << 20) /* bytes of text, a multiple of 16 */

/* The text, with 16 bytes of padding on both sides (zeros). */
static uint8_t buf[16 + TEXT + 16];
#define text (buf + 16)

#if VEC
static inline uint32_t popcount32(uint32_t x) {
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0f0f0f0fu;
  return (x * 0x01010101u) >> 24;
}

static inline uint32_t lowest_bit(uint32_t x) { return (uint32_t)__builtin_ctz(x); }
#endif

static uint32_t count_byte(const uint8_t *p, uint32_t n, uint8_t c) {
  uint32_t count = 0;
#if VEC
  vb k = v_splat(c);
  for (uint32_t i = 0; i < n; i += 16)
    count += popcount32(v_mask(v_eq(v_load(p + i), k)));
#else
  for (uint32_t i = 0; i < n; i++)
    count += p[i] == c;
#endif
  return count;
}

/* Bytes in lo..hi: (b - lo) <= (hi - lo), unsigned. */
static uint32_t count_range(const uint8_t *p, uint32_t n, uint8_t lo, uint8_t hi) {
  uint32_t count = 0;
#if VEC
  vb vlo = v_splat(lo), span = v_splat((uint8_t)(hi - lo));
  for (uint32_t i = 0; i < n; i += 16)
    count += popcount32(v_mask(v_le_u(v_sub(v_load(p + i), vlo), span)));
#else
  for (uint32_t i = 0; i < n; i++)
    count += (uint8_t)(p[i] - lo) <= (uint8_t)(hi - lo);
#endif
  return count;
}

/* Bit i set if p[i] is a separator, for the 16 bytes at p. */
#if VEC
static inline uint32_t separators16(const uint8_t *p) {
  vb b = v_load(p);
  return v_mask(v_or(v_or(v_eq(b, v_splat(',')), v_eq(b, v_splat(';'))), v_eq(b, v_splat('"'))));
}
#endif

#if !VEC
static inline int is_sep(uint8_t c) { return c == ',' || c == ';' || c == '"'; }
#endif

/* The position of the first separator at or after `from`, or n. */
static uint32_t find_sep(const uint8_t *p, uint32_t n, uint32_t from) {
#if VEC
  uint32_t i = from & ~15u;
  uint32_t m = separators16(p + i) & (0xffffu << (from & 15));
  while (m == 0) {
    i += 16;
    if (i >= n)
      return n;
    m = separators16(p + i);
  }
  return i + lowest_bit(m);
#else
  for (uint32_t i = from; i < n; i++)
    if (is_sep(p[i]))
      return i;
  return n;
#endif
}

/* Hashes the positions of all separators and the field lengths between. */
static uint64_t scan_fields(const uint8_t *p, uint32_t n) {
  uint64_t h = 0;
  uint32_t at = 0, fields = 0;
  for (;;) {
    uint32_t s = find_sep(p, n, at);
    if (s >= n)
      break;
    h = h * 31 + (s - at) + p[s];
    fields++;
    at = s + 1;
  }
  return h ^ fields;
}

/* Letters: (b | 0x20) - 'a' <= 25. A word starts at a letter after a non-letter. */
static uint32_t count_words(const uint8_t *p, uint32_t n) {
  uint32_t words = 0;
#if VEC
  vb lower = v_splat(0x20), a = v_splat('a'), span = v_splat(25);
  for (uint32_t i = 0; i < n; i += 16) {
    vb cur = v_le_u(v_sub(v_or(v_load(p + i), lower), a), span);
    vb prev = v_le_u(v_sub(v_or(v_load(p + i - 1), lower), a), span);
    words += popcount32(v_mask(v_andnot(cur, prev)));
  }
#else
  for (uint32_t i = 0; i < n; i++) {
    int cur = (uint8_t)((p[i] | 0x20) - 'a') <= 25;
    int prev = (uint8_t)((p[(int32_t)i - 1] | 0x20) - 'a') <= 25;
    words += cur && !prev;
  }
#endif
  return words;
}

/* CSV-ish records: quoted names, numbers, words, separated by , and ; */
static void generate(uint8_t *t, uint32_t n, rng_t *r) {
  static const char *const words[] = {"alpha", "Bravo", "charlie", "delta",  "Echo", "fox",
                                      "golf",  "hotel", "India",   "juliet", "kilo", "lima"};
  uint32_t i = 0;
  while (i + 48 < n) {
    uint32_t kind = rng_below(r, 10);
    if (kind < 4) {
      const char *w = words[rng_below(r, 12)];
      size_t l = strlen(w);
      memcpy(t + i, w, l);
      i += (uint32_t)l;
      uint32_t pad = rng_below(r, 40); /* long runs without separators */
      for (uint32_t k = 0; k < pad; k++)
        t[i++] = (uint8_t)(k % 7 ? 'a' + rng_below(r, 26) : ' ');
    } else if (kind < 7) {
      uint32_t v = rng_u32(r) >> rng_below(r, 32);
      i += (uint32_t)snprintf((char *)t + i, 12, "%u", v);
    } else if (kind < 8) {
      t[i++] = '"';
      const char *w = words[rng_below(r, 12)];
      size_t l = strlen(w);
      memcpy(t + i, w, l);
      i += (uint32_t)l;
      t[i++] = '"';
    } else {
      t[i++] = ' ';
    }
    uint32_t s = rng_below(r, 16);
    t[i++] = s < 8 ? ',' : s < 11 ? ';' : s < 13 ? '\n' : ' ';
  }
  while (i < n)
    t[i++] = '\n';
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 200, 4);
  rng_t r = rng_new(99);
  generate(text, TEXT, &r);
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t pass = 0; pass < sz.n; pass++) {
    /* Each pass looks at a different window, so no result is loop-invariant. */
    uint32_t off = (pass * 4096u) % (TEXT / 2);
    const uint8_t *p = text + off;
    uint32_t n = TEXT / 2;
    h = mix64(h, count_byte(p, n, '\n'));
    h = mix64(h, count_range(p, n, '0', '9'));
    h = mix64(h, scan_fields(p, n));
    h = mix64(h, count_words(p, n));
  }
  return bench_check_u64("vec_scan", sz, h, 0x8207b25aadfbb374ull, 0x2be6c3dda5267d6cull);
}
