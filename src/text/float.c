// SPDX-License-Identifier: Apache-2.0
// Exact conversion of float literals to f32/f64 bits, rounding once to
// nearest, ties to even, straight to the target width (no detour through
// double for f32), independent of the C library and its locale.
//
// A decimal literal d.ddd e±x is the integer D times 10^e. With e >= 0 the
// value is the integer D * 10^e; with e < 0 it is the fraction D / 10^-e,
// whose leading bits are found by long division. Either way the result is
// q * 2^e2 with q holding a few bits more than the target's precision and
// a sticky bit for whatever was below, which round() turns into the
// float's bits. Hex literals give q and e2 directly.
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

// ---- small big integers (little-endian 32-bit limbs) ---------------------------

typedef struct big {
  uint32_t *d;
  size_t n; // limbs in use (no leading zero limbs)
  bool oom;
} big_t;

static bool big_reserve(big_t *b, size_t limbs) {
  if (b->oom)
    return false;
  uint32_t *d = realloc(b->d, (limbs ? limbs : 1) * sizeof *d);
  if (!d) {
    b->oom = true;
    return false;
  }
  b->d = d;
  return true;
}

static void big_trim(big_t *b) {
  while (b->n && b->d[b->n - 1] == 0)
    b->n--;
}

// b = b * m + a
static void big_muladd(big_t *b, uint32_t m, uint32_t a) {
  uint64_t carry = a;
  for (size_t i = 0; i < b->n; i++) {
    uint64_t v = (uint64_t)b->d[i] * m + carry;
    b->d[i] = (uint32_t)v;
    carry = v >> 32;
  }
  if (carry) {
    if (!big_reserve(b, b->n + 1))
      return;
    b->d[b->n++] = (uint32_t)carry;
  }
}

static size_t big_bits(const big_t *b) {
  if (!b->n)
    return 0;
  size_t bits = (b->n - 1) * 32;
  for (uint32_t top = b->d[b->n - 1]; top; top >>= 1)
    bits++;
  return bits;
}

static bool big_bit(const big_t *b, size_t i) {
  return i / 32 < b->n && ((b->d[i / 32] >> (i % 32)) & 1);
}

// b <<= k
static void big_shl(big_t *b, size_t k) {
  if (!b->n || !k)
    return;
  size_t limbs = k / 32, bits = k % 32;
  if (!big_reserve(b, b->n + limbs + 1))
    return;
  b->d[b->n + limbs] = 0;
  for (size_t i = b->n; i-- > 0;) {
    uint64_t v = (uint64_t)b->d[i] << bits;
    b->d[i + limbs + 1] |= (uint32_t)(v >> 32);
    b->d[i + limbs] = (uint32_t)v;
  }
  memset(b->d, 0, limbs * sizeof *b->d);
  b->n += limbs + 1;
  big_trim(b);
}

// Limb i of b * 2^k.
static uint32_t shifted_limb(const big_t *b, size_t k, size_t i) {
  size_t limbs = k / 32, bits = k % 32;
  if (i < limbs)
    return 0;
  size_t j = i - limbs;
  uint32_t cur = j < b->n ? b->d[j] : 0;
  if (!bits)
    return cur;
  uint32_t below = j >= 1 && j - 1 < b->n ? b->d[j - 1] : 0;
  return (cur << bits) | (below >> (32 - bits));
}

// Compares a with b * 2^k.
static int big_cmp_shifted(const big_t *a, const big_t *b, size_t k) {
  size_t bb = big_bits(b) ? big_bits(b) + k : 0;
  size_t n = a->n > (bb + 31) / 32 ? a->n : (bb + 31) / 32;
  for (size_t i = n; i-- > 0;) {
    uint32_t x = i < a->n ? a->d[i] : 0, y = shifted_limb(b, k, i);
    if (x != y)
      return x < y ? -1 : 1;
  }
  return 0;
}

// a -= b * 2^k, where a >= b * 2^k.
static void big_sub_shifted(big_t *a, const big_t *b, size_t k) {
  uint64_t borrow = 0;
  for (size_t i = k / 32; i < a->n; i++) {
    uint64_t y = (uint64_t)shifted_limb(b, k, i) + borrow;
    borrow = a->d[i] < y;
    a->d[i] = (uint32_t)((uint64_t)a->d[i] - y);
  }
  big_trim(a);
}

// ---- rounding ------------------------------------------------------------------------

// Rounds q * 2^e2 (plus a little more if sticky) to a float of precision
// prec bits (24, 53), minimum normal exponent emin and maximum emax.
// Returns false on overflow.
static bool round_float(uint64_t q, int64_t e2, bool sticky, bool f32, uint64_t *bits) {
  int prec = f32 ? 24 : 53, emin = f32 ? -126 : -1022, emax = f32 ? 127 : 1023;
  if (q == 0) {
    *bits = 0;
    return true;
  }
  int len = 0;
  for (uint64_t t = q; t; t >>= 1)
    len++;
  int64_t msb = e2 + len - 1;
  int64_t lsb = msb - (prec - 1);
  if (lsb < emin - (prec - 1))
    lsb = emin - (prec - 1);
  int64_t shift = lsb - e2;
  uint64_t r;
  if (shift > 0) {
    bool half = shift <= 64 && ((q >> (shift - 1)) & 1);
    bool rest = sticky || (shift > 64 ? q != 0 : shift >= 2 && (q & ((~0ull) >> (65 - shift))));
    r = shift >= 64 ? 0 : q >> shift;
    if (half && (rest || (r & 1)))
      r++;
    if (r == (1ull << prec)) {
      r >>= 1;
      lsb++;
    }
  } else {
    r = q << -shift; // fits: len - shift <= prec
    lsb = e2 + shift;
  }
  if (r < (1ull << (prec - 1))) { // subnormal or zero
    *bits = r;
    return true;
  }
  int64_t e = lsb + (prec - 1);
  if (e > emax)
    return false;
  uint64_t biased = (uint64_t)(e + (f32 ? 127 : 1023));
  *bits = (biased << (prec - 1)) | (r & ((1ull << (prec - 1)) - 1));
  return true;
}

// ---- literals ------------------------------------------------------------------------

// Hex: 0x h.hhh p±d (digits only, exponent always there).
static bool hex_float(const char *s, bool f32, uint64_t *bits) {
  uint64_t q = 0;
  int64_t e2 = 0;
  bool sticky = false, frac = false;
  s += 2;
  for (; *s && *s != 'p' && *s != 'P'; s++) {
    if (*s == '.') {
      frac = true;
      continue;
    }
    unsigned d = (unsigned)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
    if (q >> 60) { // no room: the digit only counts as sticky
      sticky |= d != 0;
      if (!frac)
        e2 += 4;
    } else {
      q = q * 16 + d;
      if (frac)
        e2 -= 4;
    }
  }
  s++;
  bool neg = *s == '-';
  if (*s == '+' || *s == '-')
    s++;
  int64_t exp = 0;
  for (; *s; s++)
    if (exp < 100000000)
      exp = exp * 10 + (*s - '0');
  e2 += neg ? -exp : exp;
  return round_float(q, e2, sticky, f32, bits);
}

enum { MAX_DIGITS = 800 }; // enough to decide any rounding of f64

// Decimal: d.ddd e±d (digits only).
static bool dec_float(const char *s, bool f32, uint64_t *bits, bool *oom) {
  big_t D = {0}, M = {0};
  if (!big_reserve(&D, MAX_DIGITS / 9 + 4)) {
    *oom = true;
    return false;
  }
  int64_t e10 = 0;
  size_t nd = 0;
  bool frac = false, dropped = false;
  for (; *s && *s != 'e' && *s != 'E'; s++) {
    if (*s == '.') {
      frac = true;
      continue;
    }
    unsigned d = (unsigned)(*s - '0');
    if (nd == 0 && d == 0) { // leading zeros
      if (frac)
        e10--;
      continue;
    }
    if (nd < MAX_DIGITS) {
      big_muladd(&D, 10, d);
      nd++;
      if (frac)
        e10--;
    } else {
      dropped |= d != 0;
      if (!frac)
        e10++;
    }
  }
  if (dropped) { // a nonzero digit below the kept ones: a sticky 1
    big_muladd(&D, 10, 1);
    e10--;
  }
  if (*s) {
    s++;
    bool neg = *s == '-';
    if (*s == '+' || *s == '-')
      s++;
    int64_t exp = 0;
    for (; *s; s++)
      if (exp < 100000000)
        exp = exp * 10 + (*s - '0');
    e10 += neg ? -exp : exp;
  }
  bool ok = true;
  *bits = 0;
  if (D.n == 0) {
    // zero
  } else if ((int64_t)nd + e10 > 400) {
    ok = false; // beyond any f64
  } else if ((int64_t)nd + e10 < -400) {
    // below half the smallest subnormal: zero
  } else if (e10 >= 0) {
    for (int64_t i = 0; i < e10; i++)
      big_muladd(&D, 10, 0);
    size_t len = big_bits(&D);
    size_t keep = 64;
    size_t shift = len > keep ? len - keep : 0;
    uint64_t q = 0;
    for (size_t i = len; i-- > shift;)
      q = (q << 1) | big_bit(&D, i);
    bool sticky = false;
    for (size_t i = 0; i < shift && !sticky; i++)
      sticky = big_bit(&D, i);
    ok = round_float(q, (int64_t)shift, sticky, f32, bits);
  } else {
    // q = floor(D * 2^k / 10^-e10) with 64 bits, by long division
    if (!big_reserve(&M, 4)) {
      *oom = true;
      free(D.d);
      return false;
    }
    M.d[0] = 1;
    M.n = 1;
    for (int64_t i = 0; i < -e10; i++)
      big_muladd(&M, 10, 0);
    int64_t k = 63 - ((int64_t)big_bits(&D) - (int64_t)big_bits(&M));
    if (k > 0)
      big_shl(&D, (size_t)k);
    else if (k < 0)
      big_shl(&M, (size_t)-k);
    // D / M is now in (2^62, 2^64): make it [2^63, 2^64), 64 quotient bits
    if (big_cmp_shifted(&D, &M, 63) < 0) {
      big_shl(&D, 1);
      k++;
    }
    uint64_t q = 0;
    for (int i = 63; i >= 0; i--) {
      if (big_cmp_shifted(&D, &M, (size_t)i) >= 0) {
        big_sub_shifted(&D, &M, (size_t)i);
        q |= 1ull << i;
      }
    }
    bool sticky = D.n != 0;
    ok = round_float(q, -k, sticky, f32, bits);
  }
  if (D.oom || M.oom)
    *oom = true;
  free(D.d);
  free(M.d);
  return ok;
}

bool wd_float_bits(const char *lit, bool f32, uint64_t *bits, bool *oom) {
  *oom = false;
  if (lit[0] == '+' || lit[0] == '-')
    lit++;
  if (lit[0] == '0' && lit[1] == 'x')
    return hex_float(lit, f32, bits);
  return dec_float(lit, f32, bits, oom);
}
