// SPDX-License-Identifier: Apache-2.0
// Helpers of the text parser: growing byte buffers with LEB128 writers,
// $name tables (open addressing), and failing a parse with a message.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"

const char *wd_bad_msg(const wd_tok_t *t) {
  static const char *const why[] = {
      "unknown operator",         "unexpected end of string", "unclosed comment",
      "malformed UTF-8 encoding", "illegal character",        "empty identifier",
      "empty annotation id",      "unclosed annotation",      "unclosed string"};
  return t->bad < sizeof why / sizeof why[0] ? why[t->bad] : "unexpected token";
}

_Noreturn void wd_fail(wd_parser_t *P, const wd_tok_t *t, const char *fmt, ...) {
  if (!t)
    t = &P->t[P->pos < P->nt ? P->pos : P->nt - 1];
  P->err->line = t->line;
  P->err->col = t->col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(P->err->msg, sizeof P->err->msg, fmt, ap);
  va_end(ap);
  if (t->kind == TK_BAD)
    snprintf(P->err->msg, sizeof P->err->msg, "%s", wd_bad_msg(t));
  longjmp(*P->jbp, 1);
}

void *wd_xrealloc(wd_parser_t *P, void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) // p stays with its owner, who frees it
    wd_fail(P, NULL, "out of memory");
  return q;
}

static void grow(wd_parser_t *P, wd_buf_t *b, size_t more) {
  if (b->cap - b->n >= more)
    return;
  size_t nc = b->cap ? b->cap : 64;
  while (nc - b->n < more)
    nc *= 2;
  uint8_t *q = realloc(b->p, nc);
  if (!q)
    wd_fail(P, NULL, "out of memory");
  b->p = q;
  b->cap = nc;
}

void wd_buf_byte(wd_parser_t *P, wd_buf_t *b, uint8_t v) {
  grow(P, b, 1);
  b->p[b->n++] = v;
}

void wd_buf_bytes(wd_parser_t *P, wd_buf_t *b, const void *v, size_t n) {
  if (!n)
    return;
  grow(P, b, n);
  memcpy(b->p + b->n, v, n);
  b->n += n;
}

void wd_buf_u32(wd_parser_t *P, wd_buf_t *b, uint32_t v) { wd_buf_u64(P, b, v); }

void wd_buf_u64(wd_parser_t *P, wd_buf_t *b, uint64_t v) {
  do {
    uint8_t c = v & 0x7f;
    v >>= 7;
    wd_buf_byte(P, b, c | (v ? 0x80 : 0));
  } while (v);
}

void wd_buf_s64(wd_parser_t *P, wd_buf_t *b, int64_t v) {
  for (;;) {
    uint8_t c = (uint8_t)(v & 0x7f);
    v = v < 0 ? ~(~v >> 7) : v >> 7; // arithmetic shift, portably
    bool done = (v == 0 && !(c & 0x40)) || (v == -1 && (c & 0x40));
    wd_buf_byte(P, b, c | (done ? 0 : 0x80));
    if (done)
      break;
  }
}

void wd_buf_s32(wd_parser_t *P, wd_buf_t *b, int32_t v) { wd_buf_s64(P, b, v); }

void wd_buf_free(wd_buf_t *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

// ---- name tables ---------------------------------------------------------------

// FNV-1a in 64 bits on every host (a 32-bit size_t keeps the low half).
static size_t hash(const char *s, size_t len) {
  uint64_t h = UINT64_C(1469598103934665603);
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
  return (size_t)h;
}

bool wd_names_get(const wd_names_t *t, const char *s, size_t len, uint32_t *idx) {
  if (!t->cap)
    return false;
  size_t m = t->cap - 1;
  for (size_t i = hash(s, len) & m;; i = (i + 1) & m) {
    const struct wd_name_ent *e = &t->ent[i];
    if (!e->s)
      return false;
    if (e->len == len && memcmp(e->s, s, len) == 0) {
      *idx = e->idx;
      return true;
    }
  }
}

bool wd_names_add(wd_parser_t *P, wd_names_t *t, const char *s, size_t len, uint32_t idx) {
  uint32_t old;
  if (wd_names_get(t, s, len, &old))
    return false;
  if ((t->count + 1) * 2 > t->cap) {
    size_t nc = t->cap ? t->cap * 2 : 16;
    struct wd_name_ent *ne = calloc(nc, sizeof *ne);
    if (!ne)
      wd_fail(P, NULL, "out of memory");
    for (size_t k = 0; k < t->cap; k++) {
      if (!t->ent[k].s)
        continue;
      size_t i = hash(t->ent[k].s, t->ent[k].len) & (nc - 1);
      while (ne[i].s)
        i = (i + 1) & (nc - 1);
      ne[i] = t->ent[k];
    }
    free(t->ent);
    t->ent = ne;
    t->cap = nc;
  }
  size_t m = t->cap - 1;
  size_t i = hash(s, len) & m;
  while (t->ent[i].s)
    i = (i + 1) & m;
  t->ent[i].s = s;
  t->ent[i].len = len;
  t->ent[i].idx = idx;
  t->count++;
  return true;
}

void wd_names_free(wd_names_t *t) {
  free(t->ent);
  t->ent = NULL;
  t->cap = t->count = 0;
}
