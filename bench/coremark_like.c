/* SPDX-License-Identifier: Apache-2.0 */
/*
 * coremark_like: a mix of small integer kernels in the spirit of CoreMark
 * (this is independent code, not CoreMark's): every iteration
 *   - works on a linked list of 128 nodes: searches, reversal, and a merge
 *     sort of the list by value, then back by index;
 *   - multiplies and transforms 20 x 20 matrices of 16-bit integers;
 *   - runs a state machine classifying the tokens of a 1 KiB text (integers,
 *     decimals, exponents, garbage), then corrupts a few bytes of it;
 *   - and folds every intermediate result into a CRC-16.
 *
 * Size: the number of iterations.
 */
#include "bench.h"

/* ---- CRC-16/CCITT, bit by bit as small embedded code often does ---- */

static uint16_t crc16_byte(uint16_t crc, uint8_t b) {
  crc ^= (uint16_t)(b << 8);
  for (int i = 0; i < 8; i++)
    crc = crc & 0x8000 ? (uint16_t)((crc << 1) ^ 0x1021) : (uint16_t)(crc << 1);
  return crc;
}

static uint16_t crc16_u16(uint16_t crc, uint16_t v) {
  return crc16_byte(crc16_byte(crc, (uint8_t)v), (uint8_t)(v >> 8));
}

static uint16_t crc16_u32(uint16_t crc, uint32_t v) {
  return crc16_u16(crc16_u16(crc, (uint16_t)v), (uint16_t)(v >> 16));
}

/* ---- linked list ---- */

#define LIST_N 128

typedef struct lnode {
  struct lnode *next;
  int16_t value;
  int16_t index;
} lnode;

static lnode pool[LIST_N];

static lnode *list_build(rng_t *r) {
  for (int i = 0; i < LIST_N; i++) {
    pool[i].value = (int16_t)(rng_u32(r) & 0x3fff);
    pool[i].index = (int16_t)i;
    pool[i].next = i + 1 < LIST_N ? &pool[i + 1] : NULL;
  }
  return &pool[0];
}

static lnode *list_find(lnode *l, int16_t value) {
  while (l && l->value != value)
    l = l->next;
  return l;
}

static lnode *list_reverse(lnode *l) {
  lnode *prev = NULL;
  while (l) {
    lnode *next = l->next;
    l->next = prev;
    prev = l;
    l = next;
  }
  return prev;
}

/* Bottom-up merge sort of a list; by_value selects the key. */
static lnode *list_sort(lnode *list, int by_value) {
  for (int width = 1;; width *= 2) {
    lnode *p = list, *head = NULL, *tail = NULL;
    int merges = 0;
    while (p) {
      merges++;
      lnode *q = p;
      int psize = 0, qsize = width;
      for (int i = 0; i < width && q; i++, psize++)
        q = q->next;
      while (psize > 0 || (qsize > 0 && q)) {
        lnode *e;
        if (psize == 0) {
          e = q, q = q->next, qsize--;
        } else if (qsize == 0 || !q) {
          e = p, p = p->next, psize--;
        } else {
          int16_t kp = by_value ? p->value : p->index;
          int16_t kq = by_value ? q->value : q->index;
          if (kp <= kq)
            e = p, p = p->next, psize--;
          else
            e = q, q = q->next, qsize--;
        }
        if (tail)
          tail->next = e;
        else
          head = e;
        tail = e;
      }
      p = q;
    }
    tail->next = NULL;
    list = head;
    if (merges <= 1)
      return list;
  }
}

static uint16_t list_bench(rng_t *r, uint16_t crc) {
  lnode *l = list_build(r);
  for (int i = 0; i < 8; i++) {
    lnode *f = list_find(l, pool[(i * 37) % LIST_N].value);
    crc = crc16_u16(crc, f ? (uint16_t)f->index : 0xffff);
    crc = crc16_u16(crc, list_find(l, (int16_t)(0x4000 + i)) ? 1 : 0);
  }
  l = list_reverse(l);
  l = list_sort(l, 1);
  for (lnode *p = l; p; p = p->next)
    crc = crc16_u16(crc, (uint16_t)p->value);
  for (lnode *p = l; p; p = p->next) /* perturb, then restore index order */
    p->value = (int16_t)(p->value ^ (p->index * 31));
  l = list_sort(l, 0);
  for (lnode *p = l; p; p = p->next)
    crc = crc16_u16(crc, (uint16_t)(p->value + p->index));
  return crc;
}

/* ---- matrices ---- */

#define MN 20

static int16_t ma[MN][MN], mb[MN][MN];
static int32_t mc[MN][MN];

static uint16_t matrix_bench(rng_t *r, uint16_t crc) {
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      ma[i][j] = (int16_t)((int32_t)rng_below(r, 2001) - 1000);
      mb[i][j] = (int16_t)((int32_t)rng_below(r, 201) - 100);
    }
  /* C = A * B */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k = 0; k < MN; k++)
        s += ma[i][k] * mb[k][j];
      mc[i][j] = s;
    }
  int32_t sum = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++)
      sum += mc[i][j];
  crc = crc16_u32(crc, (uint32_t)sum);
  /* A += constant, then C = A * vector(column 0 of B) */
  int16_t k = (int16_t)(crc & 0xff);
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++)
      ma[i][j] = (int16_t)(ma[i][j] + k);
  for (int i = 0; i < MN; i++) {
    int32_t s = 0;
    for (int j = 0; j < MN; j++)
      s += ma[i][j] * mb[j][0];
    crc = crc16_u32(crc, (uint32_t)s);
  }
  /* C = A * B again, keeping only a bit field of every product */
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k2 = 0; k2 < MN; k2++) {
        int32_t p = ma[i][k2] * mb[k2][j];
        s += (p >> 2) & 0x0f;
        s += p > 1000 ? 1 : 0;
      }
      mc[i][j] = s;
    }
  for (int i = 0; i < MN; i++)
    crc = crc16_u32(crc, (uint32_t)mc[i][(i * 7) % MN]);
  return crc;
}

/* ---- state machine ---- */

#define TEXT 1024

enum state { S_START, S_SIGN, S_INT, S_DOT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPINT, S_BAD, S_COUNT };

static char text[TEXT + 1];

static void text_build(rng_t *r) {
  static const char *const samples[] = {"5012",     "1234",     "-874",     "+122",
                                        "35.54400", ".1234500", "-110.700", "+0.64400",
                                        "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12",
                                        "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^"};
  size_t n = 0;
  while (n + 10 < TEXT) {
    const char *s = samples[rng_below(r, 16)];
    size_t l = strlen(s);
    memcpy(text + n, s, l);
    n += l;
    text[n++] = ',';
  }
  while (n < TEXT)
    text[n++] = ' ';
  text[TEXT] = '\0';
}

static enum state next_state(enum state s, char c) {
  int digit = c >= '0' && c <= '9';
  switch (s) {
  case S_START:
    if (digit)
      return S_INT;
    if (c == '+' || c == '-')
      return S_SIGN;
    if (c == '.')
      return S_DOT;
    return S_BAD;
  case S_SIGN: return digit ? S_INT : c == '.' ? S_DOT : S_BAD;
  case S_INT:
    if (digit)
      return S_INT;
    if (c == '.')
      return S_DOT;
    return c == 'e' || c == 'E' ? S_EXP : S_BAD;
  case S_DOT:
  case S_FRAC:
    if (digit)
      return S_FRAC;
    return c == 'e' || c == 'E' ? S_EXP : S_BAD;
  case S_EXP:
    if (c == '+' || c == '-')
      return S_EXPSIGN;
    return digit ? S_EXPINT : S_BAD;
  case S_EXPSIGN:
  case S_EXPINT: return digit ? S_EXPINT : S_BAD;
  default: return S_BAD;
  }
}

static uint16_t state_bench(rng_t *r, uint16_t crc) {
  uint32_t final[S_COUNT] = {0}, transitions[S_COUNT] = {0};
  for (int pass = 0; pass < 2; pass++) {
    enum state s = S_START;
    for (const char *p = text; *p; p++) {
      if (*p == ',') {
        final[s]++;
        s = S_START;
        continue;
      }
      enum state t = next_state(s, *p);
      if (t != s)
        transitions[t]++;
      s = t;
    }
    /* Corrupt a few bytes, as CoreMark does between its passes. */
    for (int i = 0; i < 8; i++) {
      uint32_t at = rng_below(r, TEXT);
      if (text[at] != ',')
        text[at] = (char)('0' + rng_below(r, 10));
    }
  }
  for (int i = 0; i < S_COUNT; i++)
    crc = crc16_u32(crc16_u32(crc, final[i]), transitions[i]);
  return crc;
}

int main(int argc, char **argv) {
  bench_size_t sz = bench_size(argc, argv, 25000, 200);
  rng_t r = rng_new(0xc0de);
  text_build(&r);
  uint16_t crc = 0;
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t it = 0; it < sz.n; it++) {
    crc = list_bench(&r, crc);
    crc = matrix_bench(&r, crc);
    crc = state_bench(&r, crc);
    if (it % 64 == 63)
      text_build(&r); /* fresh text now and then */
    h = mix64(h, crc);
  }
  return bench_check_u64("coremark_like", sz, h, 0x71bc653eb7f74bc4ull, 0xd509d17e240b6affull);
}
