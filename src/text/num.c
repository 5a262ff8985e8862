// SPDX-License-Identifier: Apache-2.0
// Number literals of the text format: integers (decimal and hex, signs,
// '_' only between digits) and floats (decimal, hex, inf, nan, nan:0x...).
// The syntax is checked here; the digits, without '_', then go to
// wd_float_bits (float.c), which rounds once, exactly, to the target width.
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

static bool is_dig(char c, bool hex) {
  if (c >= '0' && c <= '9')
    return true;
  return hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

static unsigned dig_val(char c) {
  if (c >= '0' && c <= '9')
    return (unsigned)(c - '0');
  if (c >= 'a' && c <= 'f')
    return (unsigned)(c - 'a' + 10);
  return (unsigned)(c - 'A' + 10);
}

// Scans digits ('_' allowed between two digits) from s[*i]; appends them
// to out (if not NULL). Returns the number of digits, 0 if none or malformed.
static size_t scan_digits(const char *s, size_t n, size_t *i, bool hex, char *out, size_t *on) {
  size_t k = *i, digits = 0;
  while (k < n) {
    if (is_dig(s[k], hex)) {
      if (out)
        out[(*on)++] = s[k];
      digits++;
      k++;
    } else if (s[k] == '_' && digits && k + 1 < n && is_dig(s[k + 1], hex)) {
      k++;
    } else {
      break;
    }
  }
  *i = k;
  return digits;
}

wd_numst_t wd_num_uint(const char *s, size_t n, uint64_t max, uint64_t *out) {
  size_t i = 0;
  bool hex = false;
  if (n > 2 && s[0] == '0' && s[1] == 'x') {
    hex = true;
    i = 2;
  }
  size_t start = i;
  if (!scan_digits(s, n, &i, hex, NULL, NULL) || i != n)
    return NUM_SYNTAX;
  uint64_t v = 0;
  bool over = false;
  unsigned base = hex ? 16 : 10;
  for (size_t k = start; k < n; k++) {
    if (s[k] == '_')
      continue;
    unsigned d = dig_val(s[k]);
    if (v > (UINT64_MAX - d) / base)
      over = true;
    else
      v = v * base + d;
  }
  if (over || v > max)
    return NUM_RANGE;
  *out = v;
  return NUM_OK;
}

wd_numst_t wd_num_int(const char *s, size_t n, unsigned bits, uint64_t *out) {
  bool neg = false, sign = false;
  if (n && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    sign = true;
    s++, n--;
  }
  uint64_t v;
  uint64_t umax = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
  wd_numst_t st = wd_num_uint(s, n, UINT64_MAX, &v);
  if (st != NUM_OK)
    return st;
  uint64_t half = (uint64_t)1 << (bits - 1);
  if (!sign) {
    if (v > umax)
      return NUM_RANGE;
    *out = v;
  } else if (neg) {
    if (v > half)
      return NUM_RANGE;
    *out = (0 - v) & umax;
  } else {
    if (v > umax)
      return NUM_RANGE;
    *out = v;
  }
  return NUM_OK;
}

// Checks float syntax and writes the literal without '_' to buf (cap bytes,
// at least n + 4). Returns 0 syntax error, 1 a finite literal in buf,
// 2 inf, 3 nan (payload in *payload, 0 for the canonical one).
static int float_syntax(const char *s, size_t n, char *buf, bool *neg, uint64_t *payload) {
  size_t i = 0, o = 0;
  *neg = false;
  if (n && (s[0] == '+' || s[0] == '-')) {
    *neg = s[0] == '-';
    buf[o++] = s[0];
    i++;
  }
  if (n - i == 3 && memcmp(s + i, "inf", 3) == 0)
    return 2;
  if (n - i == 3 && memcmp(s + i, "nan", 3) == 0) {
    *payload = 0;
    return 3;
  }
  if (n - i > 6 && memcmp(s + i, "nan:0x", 6) == 0) {
    wd_numst_t st = wd_num_uint(s + i + 4, n - i - 4, UINT64_MAX, payload);
    if (st == NUM_SYNTAX)
      return 0;
    if (st == NUM_RANGE || !*payload)
      return 4;
    return 3;
  }
  bool hex = false;
  if (n - i > 2 && s[i] == '0' && s[i + 1] == 'x') {
    hex = true;
    buf[o++] = '0', buf[o++] = 'x';
    i += 2;
  }
  if (!scan_digits(s, n, &i, hex, buf, &o))
    return 0;
  if (i < n && s[i] == '.') {
    buf[o++] = '.';
    i++;
    if (i < n && is_dig(s[i], hex) && !scan_digits(s, n, &i, hex, buf, &o))
      return 0;
  }
  if (i < n && (hex ? (s[i] == 'p' || s[i] == 'P') : (s[i] == 'e' || s[i] == 'E'))) {
    buf[o++] = s[i++];
    if (i < n && (s[i] == '+' || s[i] == '-'))
      buf[o++] = s[i++];
    if (!scan_digits(s, n, &i, false, buf, &o))
      return 0;
  } else if (hex) {
    buf[o++] = 'p', buf[o++] = '0';
  }
  if (i != n)
    return 0;
  buf[o] = 0;
  return 1;
}

// Parses a float literal of width 32 or 64 into its bits.
static wd_numst_t parse_float(const char *s, size_t n, bool f32, uint64_t *out) {
  char small[128];
  char *buf = n + 8 <= sizeof small ? small : malloc(n + 8);
  if (!buf)
    return NUM_RANGE;
  bool neg;
  uint64_t payload = 0;
  wd_numst_t st = NUM_OK;
  int k = float_syntax(s, n, buf, &neg, &payload);
  uint64_t sign = neg ? (f32 ? 0x80000000u : 0x8000000000000000u) : 0;
  if (k == 0) {
    st = NUM_SYNTAX;
  } else if (k == 4) {
    st = NUM_RANGE; // nan:0x0
  } else if (k == 2) {
    *out = sign | (f32 ? 0x7f800000u : 0x7ff0000000000000u);
  } else if (k == 3) {
    if (f32) {
      if (payload > 0x7fffff)
        st = NUM_RANGE;
      else
        *out = sign | 0x7f800000u | (payload ? payload : 0x400000u);
    } else {
      if (payload > 0xfffffffffffffu)
        st = NUM_RANGE;
      else
        *out = sign | 0x7ff0000000000000u | (payload ? payload : 0x8000000000000u);
    }
  } else {
    uint64_t bits = 0;
    bool oom;
    if (!wd_float_bits(buf, f32, &bits, &oom) || oom)
      st = NUM_RANGE; // rounds to infinity
    else
      *out = sign | bits;
  }
  if (buf != small)
    free(buf);
  return st;
}

wd_numst_t wd_num_f32(const char *s, size_t n, uint32_t *out) {
  uint64_t v = 0;
  wd_numst_t st = parse_float(s, n, true, &v);
  *out = (uint32_t)v;
  return st;
}

wd_numst_t wd_num_f64(const char *s, size_t n, uint64_t *out) {
  return parse_float(s, n, false, out);
}

bool wd_num_syntax(const char *s, size_t n) {
  uint64_t v;
  if (wd_num_int(s, n, 64, &v) != NUM_SYNTAX)
    return true;
  char small[128];
  char *buf = n + 8 <= sizeof small ? small : malloc(n + 8);
  if (!buf)
    return true;
  bool neg;
  int k = float_syntax(s, n, buf, &neg, &v);
  if (buf != small)
    free(buf);
  return k != 0;
}
