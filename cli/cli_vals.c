// SPDX-License-Identifier: Apache-2.0
// The `ward` command's values: parsing `--invoke` arguments, printing results.
#include "cli_vals.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int digit_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// Skips a "0x"/"0X" prefix; returns the base it implies.
static unsigned skip_radix(const char **s) {
  if ((*s)[0] == '0' && ((*s)[1] == 'x' || (*s)[1] == 'X')) {
    *s += 2;
    return 16;
  }
  return 10;
}

// An optional sign, then a decimal or 0x-hex magnitude of at most 64 bits.
static bool parse_magnitude(const char *s, bool *neg, uint64_t *out) {
  *neg = false;
  if (*s == '-' || *s == '+') {
    *neg = *s == '-';
    s++;
  }
  unsigned base = skip_radix(&s);
  if (*s == '\0')
    return false;
  uint64_t v = 0;
  for (; *s; s++) {
    int d = digit_value(*s);
    if (d < 0 || (unsigned)d >= base)
      return false;
    if (v > (UINT64_MAX - (unsigned)d) / base)
      return false;
    v = v * base + (unsigned)d;
  }
  *out = v;
  return true;
}

static bool parse_i32(const char *s, int32_t *out) {
  bool neg;
  uint64_t mag;
  if (!parse_magnitude(s, &neg, &mag))
    return false;
  if (neg) {
    if (mag > (uint64_t)INT32_MAX + 1)
      return false;
    *out = (int32_t)(-(int64_t)mag);
  } else {
    if (mag > UINT32_MAX)
      return false;
    // The unsigned range wraps, as i32.const does in the text format.
    *out = mag > INT32_MAX ? (int32_t)((int64_t)mag - 4294967296) : (int32_t)mag;
  }
  return true;
}

static bool parse_i64(const char *s, int64_t *out) {
  bool neg;
  uint64_t mag;
  if (!parse_magnitude(s, &neg, &mag))
    return false;
  if (neg) {
    if (mag > (uint64_t)INT64_MAX + 1)
      return false;
    *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
  } else {
    *out = mag > INT64_MAX ? -(int64_t)(UINT64_MAX - mag) - 1 : (int64_t)mag;
  }
  return true;
}

// strtod/strtof accept decimal and hex floats, "nan", "inf" and "infinity";
// reject what they would skip or leave over.
static bool parse_float(const char *s, bool single, double *out) {
  if (*s == '\0' || isspace((unsigned char)*s))
    return false;
  char *end;
  *out = single ? (double)strtof(s, &end) : strtod(s, &end);
  return *end == '\0';
}

// limb[0] is the least significant 32 bits. False on overflow.
static bool mul_add128(uint32_t limb[4], unsigned base, unsigned digit) {
  uint64_t carry = digit;
  for (int i = 0; i < 4; i++) {
    uint64_t t = (uint64_t)limb[i] * base + carry;
    limb[i] = (uint32_t)t;
    carry = t >> 32;
  }
  return carry == 0;
}

static bool parse_v128(const char *s, uint8_t out[16]) {
  uint32_t limb[4] = {0, 0, 0, 0};
  unsigned base = skip_radix(&s);
  if (*s == '\0')
    return false;
  for (; *s; s++) {
    int d = digit_value(*s);
    if (d < 0 || (unsigned)d >= base || !mul_add128(limb, base, (unsigned)d))
      return false;
  }
  for (int i = 0; i < 16; i++)
    out[i] = (uint8_t)(limb[i / 4] >> (8 * (i % 4)));
  return true;
}

bool wd_cli_parse_val(ward_valkind_t kind, const char *text, ward_val_t *out) {
  double d;
  memset(out, 0, sizeof *out);
  out->kind = kind;
  switch (kind) {
  case WARD_I32: return parse_i32(text, &out->of.i32);
  case WARD_I64: return parse_i64(text, &out->of.i64);
  case WARD_F32:
    if (!parse_float(text, true, &d))
      return false;
    out->of.f32 = (float)d;
    return true;
  case WARD_F64: return parse_float(text, false, &out->of.f64);
  case WARD_V128: return parse_v128(text, out->of.v128);
  case WARD_FUNCREF:
  case WARD_EXTERNREF:
  case WARD_EXNREF:
  case WARD_ANYREF:
    // A command line can name no function, host object, exception or heap
    // object: only null.
    return strcmp(text, "null") == 0 || strcmp(text, "ref.null") == 0;
  }
  return false;
}

// Appends c to buf[*n] while there is room for it and a NUL.
static void put(char *buf, size_t size, size_t *n, char c) {
  if (*n + 1 < size)
    buf[(*n)++] = c;
}

void wd_cli_format_float(double x, bool single, char *buf, size_t size) {
  if (size == 0)
    return;
  if (isnan(x)) {
    snprintf(buf, size, "NaN");
    return;
  }
  if (isinf(x)) {
    snprintf(buf, size, "%s", x < 0 ? "-inf" : "inf");
    return;
  }
  if (x == 0) {
    snprintf(buf, size, "%s", signbit(x) ? "-0" : "0");
    return;
  }
  // The fewest significant digits that read back as x: 9 always do for
  // f32 and 17 for f64, so the loop ends with a round-tripping form.
  char sci[48];
  int max_prec = single ? 8 : 16;
  for (int prec = 0; prec <= max_prec; prec++) {
    snprintf(sci, sizeof sci, "%.*e", prec, x);
    if (single ? strtof(sci, NULL) == (float)x : strtod(sci, NULL) == x)
      break;
  }
  // sci is [-]D[.DDD]e(+|-)XX: collect the digits and the exponent.
  const char *s = sci;
  bool neg = *s == '-';
  if (neg)
    s++;
  char digits[24];
  int nd = 0;
  for (; *s && *s != 'e'; s++)
    if (*s != '.' && nd < (int)sizeof digits)
      digits[nd++] = *s;
  long exp = *s == 'e' ? strtol(s + 1, NULL, 10) : 0;
  while (nd > 1 && digits[nd - 1] == '0')
    nd--;
  // Positional notation: digits[0] has the weight 10^exp.
  size_t n = 0;
  if (neg)
    put(buf, size, &n, '-');
  if (exp < 0) {
    put(buf, size, &n, '0');
    put(buf, size, &n, '.');
    for (long i = -1; i > exp; i--)
      put(buf, size, &n, '0');
    for (int i = 0; i < nd; i++)
      put(buf, size, &n, digits[i]);
  } else {
    for (long i = 0; i < nd || i <= exp; i++) {
      if (i == exp + 1)
        put(buf, size, &n, '.');
      put(buf, size, &n, i < nd ? digits[i] : '0');
    }
  }
  buf[n] = '\0';
}

void wd_cli_format_val(const ward_val_t *v, char *buf, size_t size) {
  if (size == 0)
    return;
  switch (v->kind) {
  case WARD_I32: snprintf(buf, size, "%" PRId32, v->of.i32); return;
  case WARD_I64: snprintf(buf, size, "%" PRId64, v->of.i64); return;
  case WARD_F32: wd_cli_format_float((double)v->of.f32, true, buf, size); return;
  case WARD_F64: wd_cli_format_float(v->of.f64, false, buf, size); return;
  case WARD_V128: {
    // Most significant byte first: the lanes are little-endian.
    size_t n = 0;
    put(buf, size, &n, '0');
    put(buf, size, &n, 'x');
    for (int i = 15; i >= 0; i--) {
      put(buf, size, &n, "0123456789abcdef"[v->of.v128[i] >> 4]);
      put(buf, size, &n, "0123456789abcdef"[v->of.v128[i] & 15]);
    }
    buf[n] = '\0';
    return;
  }
  case WARD_FUNCREF: snprintf(buf, size, "%s", v->of.funcref ? "<funcref>" : "ref.null"); return;
  case WARD_EXTERNREF:
    // The command line passes no host pointers: a non-null externref is one
    // wasm code made (extern.convert_any).
    snprintf(buf, size, "%s", v->of.externref ? "ref.extern" : "ref.null");
    return;
  case WARD_EXNREF: snprintf(buf, size, "%s", v->of.exnref ? "<exnref>" : "ref.null"); return;
  case WARD_ANYREF:
    switch (ward_anyref_kind(v->of.anyref)) {
    case WARD_ANYREF_NULL: snprintf(buf, size, "ref.null"); return;
    case WARD_ANYREF_I31:
      snprintf(buf, size, "ref.i31 %" PRId32, ward_anyref_i31_get_s(v->of.anyref));
      return;
    case WARD_ANYREF_STRUCT: snprintf(buf, size, "ref.struct"); return;
    case WARD_ANYREF_ARRAY: snprintf(buf, size, "ref.array"); return;
    case WARD_ANYREF_HOST:
      snprintf(buf, size, "ref.host %p", ward_anyref_host_ptr(v->of.anyref));
      return;
    }
    break;
  }
  snprintf(buf, size, "<unknown value>");
}
