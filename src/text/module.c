// SPDX-License-Identifier: Apache-2.0
// Module fields of the text format, in two passes over the tokens.
//
// Pass 1 (scan_fields) walks the fields to give every $name of the module's
// index spaces (types, functions, tables, memories, globals, elem and data
// segments) its index, since a name may be used before its definition, and
// reads the explicit type definitions. It also checks the order of imports
// and definitions and reports duplicate names.
//
// Pass 2 (wd_parse_field, fields.c) reads each field fully and writes its
// binary form into the section buffers; type uses without a (type x) add
// implicit type definitions after the explicit ones, in order of
// appearance. emit_module then concatenates the sections.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/wat.h"
#include "util/utf8.h"

// ---- tokens --------------------------------------------------------------------

const wd_tok_t *wd_peek(wd_parser_t *P, size_t ahead) {
  size_t i = P->pos + ahead;
  if (i >= P->nt)
    i = P->nt - 1;
  // Never look past a bad token or the end: both stop the token stream.
  for (size_t k = P->pos; k < i; k++)
    if (P->t[k].kind == TK_BAD || P->t[k].kind == TK_EOF)
      return &P->t[k];
  return &P->t[i];
}

const wd_tok_t *wd_next(wd_parser_t *P) {
  const wd_tok_t *t = &P->t[P->pos];
  if (t->kind == TK_BAD)
    wd_fail(P, t, "unexpected token");
  if (t->kind != TK_EOF)
    P->pos++;
  return t;
}

bool wd_is_kw(wd_parser_t *P, const wd_tok_t *t, const char *kw) {
  size_t n = strlen(kw);
  return t->kind == TK_KW && t->len == n && memcmp(P->src + t->off, kw, n) == 0;
}

bool wd_peek_sexp(wd_parser_t *P, const char *kw) {
  return wd_peek(P, 0)->kind == TK_LPAR && wd_is_kw(P, wd_peek(P, 1), kw);
}

_Noreturn void wd_unexpected(wd_parser_t *P, const wd_tok_t *t) {
  if (t->kind == TK_EOF)
    wd_fail(P, t, "unexpected end");
  wd_fail(P, t, "unexpected token");
}

void wd_expect_lpar(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_LPAR)
    wd_unexpected(P, t);
  P->pos++;
}

void wd_expect_rpar(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_RPAR)
    wd_unexpected(P, t);
  P->pos++;
}

void wd_expect_kw(wd_parser_t *P, const char *kw) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (!wd_is_kw(P, t, kw))
    wd_unexpected(P, t);
  P->pos++;
}

void wd_bind_id(wd_parser_t *P, const wd_tok_t *t, wd_names_t *names, uint32_t idx,
                const char *what) {
  P->pos++;
  size_t len;
  const char *name = wd_id(P, t, &len, true);
  if (!wd_names_add(P, names, name, len, idx))
    wd_fail(P, t, "duplicate %s %.*s", what, (int)t->len, P->src + t->off);
}

const char *wd_id(wd_parser_t *P, const wd_tok_t *t, size_t *len, bool keep) {
  if (P->src[t->off + 1] != '"') {
    *len = t->len - 1;
    return P->src + t->off + 1;
  }
  wd_tok_t str = *t; // the string after the $
  str.off++;
  str.len--;
  if (!keep) {
    P->idtmp.n = 0;
    wd_buf_bytes(P, &P->idtmp, P->src + str.off, str.len); // room enough; decoding shrinks
    *len = wd_str_decode(P->src, &str, P->idtmp.p);
    return (const char *)P->idtmp.p;
  }
  if (P->nids == P->ids_cap) {
    P->ids_cap = P->ids_cap ? P->ids_cap * 2 : 16;
    P->ids = wd_xrealloc(P, P->ids, P->ids_cap * sizeof *P->ids);
  }
  char *s = wd_xrealloc(P, NULL, str.len);
  P->ids[P->nids++] = s;
  *len = wd_str_decode(P->src, &str, (uint8_t *)s);
  return s;
}

static bool is_u32_tok(wd_parser_t *P, const wd_tok_t *t) {
  uint64_t v;
  return t->kind == TK_NUM && wd_num_uint(P->src + t->off, t->len, UINT64_MAX, &v) != NUM_SYNTAX;
}

uint64_t wd_parse_uint(wd_parser_t *P, uint64_t max) {
  const wd_tok_t *t = wd_peek(P, 0);
  uint64_t v = 0;
  if (t->kind != TK_NUM)
    wd_unexpected(P, t);
  wd_numst_t st = wd_num_uint(P->src + t->off, t->len, max, &v);
  if (st == NUM_SYNTAX)
    wd_unexpected(P, t);
  if (st == NUM_RANGE)
    wd_fail(P, t, "%s constant out of range", max > UINT32_MAX ? "i64" : "i32");
  P->pos++;
  return v;
}

uint32_t wd_parse_u32(wd_parser_t *P) { return (uint32_t)wd_parse_uint(P, UINT32_MAX); }

bool wd_peek_idx(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  return t->kind == TK_ID || is_u32_tok(P, t);
}

static const char *const space_name[SP_COUNT] = {
    "type", "function", "table", "memory", "global", "tag", "elem segment", "data segment"};
static const char *const dup_name[SP_COUNT] = {"type",   "func", "table", "memory",
                                               "global", "tag",  "elem",  "data"};

uint32_t wd_parse_idx(wd_parser_t *P, int sp) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind == TK_ID) {
    uint32_t idx;
    size_t len;
    const char *name = wd_id(P, t, &len, false);
    if (!wd_names_get(&P->names[sp], name, len, &idx))
      wd_fail(P, t, "unknown %s %.*s", space_name[sp], (int)t->len, P->src + t->off);
    P->pos++;
    return idx;
  }
  return wd_parse_u32(P);
}

// A name string: decoded, and checked to be UTF-8.
void wd_parse_name(wd_parser_t *P, wd_buf_t *out) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_STR)
    wd_unexpected(P, t);
  P->pos++;
  uint8_t *tmp = wd_xrealloc(P, NULL, t->len);
  size_t n = wd_str_decode(P->src, t, tmp);
  bool ok = wd_utf8_valid(tmp, n);
  if (ok) {
    wd_buf_u32(P, out, (uint32_t)n);
    wd_buf_bytes(P, out, tmp, n);
  }
  free(tmp);
  if (!ok)
    wd_fail(P, t, "malformed UTF-8 encoding");
}

// Strings (data) appended to out.
void wd_parse_strings(wd_parser_t *P, wd_buf_t *out) {
  while (wd_peek(P, 0)->kind == TK_STR) {
    const wd_tok_t *t = wd_next(P);
    size_t at = out->n;
    wd_buf_bytes(P, out, P->src + t->off, t->len); // room enough; decoding shrinks
    out->n = at + wd_str_decode(P->src, t, out->p + at);
  }
}

// ---- types -----------------------------------------------------------------------

// Abstract heap types by name, and the shorthand reference types.
static const struct {
  const char *name;
  uint8_t code;
} k_heaps[] = {{"func", WD_HT_FUNC},
               {"extern", WD_HT_EXTERN},
               {"exn", WD_HT_EXN},
               {"any", WD_HT_ANY},
               {"eq", WD_HT_EQ},
               {"i31", WD_HT_I31},
               {"struct", WD_HT_STRUCT},
               {"array", WD_HT_ARRAY},
               {"none", WD_HT_NONE},
               {"nofunc", WD_HT_NOFUNC},
               {"noextern", WD_HT_NOEXTERN},
               {"noexn", WD_HT_NOEXN}},
  k_shorthands[] = {{"funcref", WD_HT_FUNC},
                    {"externref", WD_HT_EXTERN},
                    {"exnref", WD_HT_EXN},
                    {"anyref", WD_HT_ANY},
                    {"eqref", WD_HT_EQ},
                    {"i31ref", WD_HT_I31},
                    {"structref", WD_HT_STRUCT},
                    {"arrayref", WD_HT_ARRAY},
                    {"nullref", WD_HT_NONE},
                    {"nullfuncref", WD_HT_NOFUNC},
                    {"nullexternref", WD_HT_NOEXTERN},
                    {"nullexnref", WD_HT_NOEXN}};

uint32_t wd_parse_heaptype(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  for (size_t i = 0; i < sizeof k_heaps / sizeof *k_heaps; i++)
    if (wd_is_kw(P, t, k_heaps[i].name)) {
      P->pos++;
      return k_heaps[i].code;
    }
  if (t->kind == TK_ID || t->kind == TK_NUM)
    return WD_HT_IDX + wd_parse_idx(P, SP_TYPE);
  wd_unexpected(P, t);
}

// A reference type, (ref null? heaptype) or a shorthand; 0 if the next
// tokens are neither.
static wd_vt_t try_reftype(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  for (size_t i = 0; i < sizeof k_shorthands / sizeof *k_shorthands; i++)
    if (wd_is_kw(P, t, k_shorthands[i].name)) {
      P->pos++;
      return WD_VT_REF(true, k_shorthands[i].code);
    }
  if (!wd_peek_sexp(P, "ref"))
    return 0;
  P->pos += 2;
  bool null = wd_is_kw(P, wd_peek(P, 0), "null");
  if (null)
    P->pos++;
  uint32_t ht = wd_parse_heaptype(P);
  wd_expect_rpar(P);
  return WD_VT_REF(null, ht);
}

wd_vt_t wd_parse_valtype(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  static const struct {
    const char *name;
    uint8_t code;
  } vt[] = {{"i32", 0x7f}, {"i64", 0x7e}, {"f32", 0x7d}, {"f64", 0x7c}, {"v128", 0x7b}};
  for (size_t i = 0; i < sizeof vt / sizeof vt[0]; i++) {
    if (wd_is_kw(P, t, vt[i].name)) {
      P->pos++;
      return vt[i].code;
    }
  }
  wd_vt_t r = try_reftype(P);
  if (r)
    return r;
  if (t->kind == TK_KW)
    wd_fail(P, t, "unknown operator %.*s", (int)t->len, P->src + t->off);
  wd_unexpected(P, t);
}

bool wd_is_reftype_start(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  for (size_t i = 0; i < sizeof k_shorthands / sizeof *k_shorthands; i++)
    if (wd_is_kw(P, t, k_shorthands[i].name))
      return true;
  return wd_peek_sexp(P, "ref");
}

size_t wd_reftype_len(wd_parser_t *P) {
  if (wd_peek(P, 0)->kind != TK_LPAR)
    return 1;
  size_t k = 1, depth = 1;
  while (depth && wd_peek(P, k)->kind != TK_EOF) {
    if (wd_peek(P, k)->kind == TK_LPAR)
      depth++;
    else if (wd_peek(P, k)->kind == TK_RPAR)
      depth--;
    k++;
  }
  return k;
}

wd_vt_t wd_parse_reftype(wd_parser_t *P) {
  wd_vt_t r = try_reftype(P);
  if (!r)
    wd_unexpected(P, wd_peek(P, 0));
  return r;
}

void wd_put_heaptype(wd_parser_t *P, wd_buf_t *out, uint32_t ht) {
  if (ht >= WD_HT_IDX)
    wd_buf_s64(P, out, (int64_t)(ht - WD_HT_IDX));
  else
    wd_buf_byte(P, out, (uint8_t)ht);
}

void wd_put_valtype(wd_parser_t *P, wd_buf_t *out, wd_vt_t t) {
  if (!wd_valtype_is_ref(t)) {
    wd_buf_byte(P, out, (uint8_t)t);
    return;
  }
  uint32_t ht = wd_vt_heap(t);
  if (wd_vt_nullable(t) && ht < WD_HT_IDX) { // a shorthand
    wd_buf_byte(P, out, (uint8_t)ht);
    return;
  }
  wd_buf_byte(P, out, wd_vt_nullable(t) ? WD_REFNULL : WD_REF);
  wd_put_heaptype(P, out, ht);
}

static void sig_push(wd_parser_t *P, wd_buf_t *sig, wd_vt_t t) {
  wd_buf_bytes(P, sig, &t, sizeof t);
}

// (param ...)* (result ...)* into sig (params first); param ids go to
// names (NULL: ids are not allowed, as in block types).
void wd_parse_sig(wd_parser_t *P, wd_buf_t *sig, uint32_t *np, uint32_t *nr, wd_names_t *names,
                  bool allow_ids) {
  *np = *nr = 0;
  sig->n = 0;
  while (wd_peek_sexp(P, "param")) {
    P->pos += 2;
    if (wd_peek(P, 0)->kind == TK_ID) {
      const wd_tok_t *id = wd_peek(P, 0);
      if (!allow_ids)
        wd_unexpected(P, id);
      if (names)
        wd_bind_id(P, id, names, *np, "local");
      else
        P->pos++;
      sig_push(P, sig, wd_parse_valtype(P));
      (*np)++;
    } else {
      while (wd_peek(P, 0)->kind != TK_RPAR) {
        sig_push(P, sig, wd_parse_valtype(P));
        (*np)++;
      }
    }
    wd_expect_rpar(P);
  }
  while (wd_peek_sexp(P, "result")) {
    P->pos += 2;
    while (wd_peek(P, 0)->kind != TK_RPAR) {
      sig_push(P, sig, wd_parse_valtype(P));
      (*nr)++;
    }
    wd_expect_rpar(P);
  }
  if (wd_peek_sexp(P, "param"))
    wd_unexpected(P, wd_peek(P, 1));
}

// A signature's key in P->sigs: np (4 bytes), then params and results.
static void sig_key(wd_parser_t *P, wd_buf_t *key, const wd_vt_t *t, uint32_t np, uint32_t nr) {
  key->n = 0;
  wd_buf_bytes(P, key, &np, sizeof np);
  wd_buf_bytes(P, key, t, (np + nr) * sizeof *t);
}

// A new type at the end, of the given kind, with the np + nr types t;
// final, without supertypes or fields yet.
static uint32_t add_type(wd_parser_t *P, uint8_t kind, const wd_vt_t *t, uint32_t np, uint32_t nr) {
  if (P->ntypes == P->types_cap) {
    P->types_cap = P->types_cap ? P->types_cap * 2 : 16;
    P->types = wd_xrealloc(P, P->types, P->types_cap * sizeof *P->types);
  }
  wd_ftype_t *ft = &P->types[P->ntypes];
  memset(ft, 0, sizeof *ft);
  size_t len = sizeof np + (np + nr) * sizeof *t;
  ft->key = wd_xrealloc(P, NULL, len);
  P->ntypes++; // counted once allocated: parser_free frees it
  memcpy(ft->key, &np, sizeof np);
  if (np + nr)
    memcpy(ft->key + sizeof np, t, (np + nr) * sizeof *t);
  ft->t = (wd_vt_t *)(void *)(ft->key + sizeof np);
  ft->kind = kind;
  ft->final = true;
  ft->np = np;
  ft->nr = nr;
  return P->ntypes - 1;
}

// Ends a recursive group of n types (the last n).
static void add_group(wd_parser_t *P, uint32_t n) {
  if (P->ngroups == P->groups_cap) {
    P->groups_cap = P->groups_cap ? P->groups_cap * 2 : 16;
    P->groups = wd_xrealloc(P, P->groups, P->groups_cap * sizeof *P->groups);
  }
  P->groups[P->ngroups++] = n;
  // A final function type without supertypes, alone in its group, is one
  // an inline signature may stand for (the first such, if several).
  if (n != 1)
    return;
  const wd_ftype_t *ft = &P->types[P->ntypes - 1];
  size_t len = sizeof ft->np + (ft->np + ft->nr) * sizeof *ft->t;
  if (ft->kind == WD_COMP_FUNC && ft->final && !ft->nsuper)
    wd_names_add(P, &P->sigs, (const char *)ft->key, len, P->ntypes - 1);
}

const wd_ftype_t *wd_func_type(wd_parser_t *P, uint32_t idx) {
  if (idx >= P->ntypes || P->types[idx].kind != WD_COMP_FUNC)
    return NULL;
  return &P->types[idx];
}

// The type an inline signature stands for (Wasm 3.0): the first final
// function type without supertypes, alone in its recursive group, with
// this signature; or else a new one at the end, in a group of its own.
uint32_t wd_find_or_add_type(wd_parser_t *P, const wd_vt_t *t, uint32_t np, uint32_t nr) {
  sig_key(P, &P->keybuf, t, np, nr);
  uint32_t idx;
  if (wd_names_get(&P->sigs, (const char *)P->keybuf.p, P->keybuf.n, &idx))
    return idx;
  idx = add_type(P, WD_COMP_FUNC, t, np, nr);
  add_group(P, 1);
  return idx;
}

// A type use. Returns the type index; *nparams gets its parameter count.
uint32_t wd_parse_typeuse(wd_parser_t *P, wd_names_t *names, uint32_t *nparams, bool block) {
  uint32_t np, nr, idx = 0;
  bool has_idx = false;
  const wd_tok_t *tt = NULL;
  if (wd_peek_sexp(P, "type")) {
    P->pos += 2;
    tt = wd_peek(P, 0);
    idx = wd_parse_idx(P, SP_TYPE);
    wd_expect_rpar(P);
    has_idx = true;
  }
  wd_buf_t *s = &P->sig;
  wd_parse_sig(P, s, &np, &nr, names, !block);
  if (has_idx) {
    const wd_ftype_t *ft = wd_func_type(P, idx);
    if (!ft) {
      // left to validation (an unknown or non-function type), unless the
      // inline types need checking
      if (np + nr)
        wd_fail(P, tt, idx >= P->ntypes ? "unknown type" : "inline function type");
      *nparams = 0;
      return idx;
    }
    if (np + nr) {
      if (ft->np != np || ft->nr != nr || memcmp(ft->t, s->p, (np + nr) * sizeof *ft->t) != 0)
        wd_fail(P, tt, "inline function type");
    }
    *nparams = ft->np;
    return idx;
  }
  *nparams = np;
  return wd_find_or_add_type(P, (const wd_vt_t *)(void *)s->p, np, nr);
}

// ---- pass 1: names and explicit types --------------------------------------------

// Whether the tokens `ahead` on are '(' kw.
bool wd_peek_sexp_at(wd_parser_t *P, size_t ahead, const char *kw) {
  return wd_peek(P, ahead)->kind == TK_LPAR && wd_is_kw(P, wd_peek(P, ahead + 1), kw);
}

// Skips one balanced s-expression starting at '('; false at the end.
bool wd_skip_sexp(wd_parser_t *P) {
  size_t depth = 0;
  do {
    const wd_tok_t *t = &P->t[P->pos];
    if (t->kind == TK_EOF)
      return false;
    if (t->kind == TK_LPAR)
      depth++;
    else if (t->kind == TK_RPAR)
      depth--;
    P->pos++;
  } while (depth);
  return true;
}

// An error found in pass 1 is kept, and reported when pass 2 reaches the
// field it is in, so that an error in an earlier field comes first, as in
// a parser that reads the module once. Of several, the one in the earliest
// field is kept (type definitions are read after all names are bound).
#if defined(__GNUC__)
__attribute__((format(WD_FORMAT_PRINTF, 3, 4)))
#endif
static void
soft_error(wd_parser_t *P, const wd_tok_t *t, const char *fmt, ...) {
  if (P->soft_failed && P->soft_field <= P->field_start)
    return;
  P->soft_failed = true;
  P->soft_field = P->field_start;
  P->soft_err.line = t->line;
  P->soft_err.col = t->col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(P->soft_err.msg, sizeof P->soft_err.msg, fmt, ap);
  va_end(ap);
}

static void bind(wd_parser_t *P, int sp) {
  const wd_tok_t *id = wd_peek(P, 0);
  uint32_t idx = P->count[sp]++;
  if (id->kind != TK_ID)
    return;
  P->pos++;
  size_t len;
  const char *name = wd_id(P, id, &len, true);
  if (!wd_names_add(P, &P->names[sp], name, len, idx))
    soft_error(P, id, "duplicate %s %.*s", dup_name[sp], (int)id->len, P->src + id->off);
}

int wd_kind_space(wd_parser_t *P, const wd_tok_t *t) {
  if (wd_is_kw(P, t, "func"))
    return SP_FUNC;
  if (wd_is_kw(P, t, "table"))
    return SP_TABLE;
  if (wd_is_kw(P, t, "memory"))
    return SP_MEM;
  if (wd_is_kw(P, t, "global"))
    return SP_GLOBAL;
  if (wd_is_kw(P, t, "tag"))
    return SP_TAG;
  return -1;
}

static const char *const def_name[SP_COUNT] = {NULL,     "function", "table",
                                               "memory", "global",   "tag"};

// A storage type: a value type, or i8 or i16 (packed, in fields only).
static wd_vt_t storage_type(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (wd_is_kw(P, t, "i8") || wd_is_kw(P, t, "i16")) {
    P->pos++;
    return wd_is_kw(P, t, "i8") ? WD_PACKED_I8 : WD_PACKED_I16;
  }
  return wd_parse_valtype(P);
}

// A field type, storagetype or (mut storagetype): appended to ts (a
// wd_vt_t each) and ms (a byte each, 1 if mutable).
static void field_type(wd_parser_t *P, wd_buf_t *ts, wd_buf_t *ms) {
  bool mut = wd_peek_sexp(P, "mut");
  if (mut)
    P->pos += 2;
  wd_vt_t t = storage_type(P);
  if (mut)
    wd_expect_rpar(P);
  wd_buf_bytes(P, ts, &t, sizeof t);
  wd_buf_byte(P, ms, mut);
}

// A composite type, (func sig), (struct (field ...)*) or (array fieldtype),
// as a new type. Field names, (field $id fieldtype), go to its name table;
// (field fieldtype*) declares several unnamed fields.
static uint32_t comp_type(wd_parser_t *P) {
  wd_buf_t *ts = &P->scratch[0], *ms = &P->scratch[1];
  wd_names_t *names = &P->scratch_names;
  wd_names_free(names);
  ts->n = ms->n = 0;
  uint32_t np = 0, nr = 0;
  uint8_t kind;
  wd_expect_lpar(P);
  const wd_tok_t *k = wd_peek(P, 0);
  P->pos++;
  if (wd_is_kw(P, k, "func")) {
    kind = WD_COMP_FUNC;
    wd_parse_sig(P, ts, &np, &nr, NULL, true);
  } else if (wd_is_kw(P, k, "struct")) {
    kind = WD_COMP_STRUCT;
    while (wd_peek_sexp(P, "field")) {
      P->pos += 2;
      const wd_tok_t *id = wd_peek(P, 0);
      if (id->kind == TK_ID) {
        wd_bind_id(P, id, names, np, "field");
        field_type(P, ts, ms);
        np++;
      } else {
        for (; wd_peek(P, 0)->kind != TK_RPAR; np++)
          field_type(P, ts, ms);
      }
      wd_expect_rpar(P);
    }
  } else if (wd_is_kw(P, k, "array")) {
    kind = WD_COMP_ARRAY;
    field_type(P, ts, ms);
    np = 1;
  } else {
    wd_unexpected(P, k);
  }
  wd_expect_rpar(P);
  uint32_t idx = add_type(P, kind, (const wd_vt_t *)(void *)ts->p, np, nr);
  wd_ftype_t *ft = &P->types[idx];
  ft->fields = *names; // moved
  memset(names, 0, sizeof *names);
  if (kind != WD_COMP_FUNC) {
    ft->mut = wd_xrealloc(P, NULL, np);
    if (np) // an empty struct has no buffer to copy from
      memcpy(ft->mut, ms->p, np);
  }
  return idx;
}

// (type $id? subtype), its name bound already; subtype is a composite type
// (final, without supertypes), or (sub final? typeidx* comptype).
static void type_def(wd_parser_t *P) {
  wd_expect_lpar(P);
  wd_expect_kw(P, "type");
  if (wd_peek(P, 0)->kind == TK_ID)
    P->pos++;
  if (!wd_peek_sexp(P, "sub")) {
    comp_type(P);
    wd_expect_rpar(P);
    return;
  }
  P->pos += 2;
  bool final = wd_is_kw(P, wd_peek(P, 0), "final");
  if (final)
    P->pos++;
  wd_buf_t *sup = &P->scratch[2];
  sup->n = 0;
  while (wd_peek_idx(P)) {
    uint32_t x = wd_parse_idx(P, SP_TYPE);
    wd_buf_bytes(P, sup, &x, sizeof x);
  }
  uint32_t idx = comp_type(P);
  wd_ftype_t *ft = &P->types[idx];
  ft->final = final;
  ft->nsuper = (uint32_t)(sup->n / sizeof(uint32_t));
  if (ft->nsuper) {
    ft->super = wd_xrealloc(P, NULL, sup->n);
    memcpy(ft->super, sup->p, sup->n);
  }
  wd_expect_rpar(P);
  wd_expect_rpar(P);
}

// A (type ...) or (rec (type ...)*) field: read in pass 1, after all names
// are bound (a type may refer to any type by name, before or after it), as
// type uses may come before it. A syntax error here is kept as a soft
// error.
static void scan_type(wd_parser_t *P) {
  jmp_buf local, *outer = P->jbp;
  wd_text_error_t *err = P->err;
  P->err = &P->pass1_err; // in *P, not a local: it is written before the jump
  P->jbp = &local;
  if (setjmp(local) == 0) {
    if (wd_is_kw(P, wd_peek(P, 1), "rec")) {
      P->pos += 2;
      uint32_t first = P->ntypes;
      while (wd_peek(P, 0)->kind != TK_RPAR)
        type_def(P);
      wd_expect_rpar(P);
      add_group(P, P->ntypes - first);
    } else {
      type_def(P);
      add_group(P, 1);
    }
    P->ntypes_explicit = P->ntypes;
  } else if (!P->soft_failed || P->field_start < P->soft_field) {
    P->soft_failed = true;
    P->soft_field = P->field_start;
    P->soft_err = P->pass1_err;
  }
  P->err = err;
  P->jbp = outer;
}

// The type definitions, in order.
static void scan_types(wd_parser_t *P) {
  while (wd_peek(P, 0)->kind == TK_LPAR) {
    size_t start = P->pos;
    const wd_tok_t *kw = wd_peek(P, 1);
    P->field_start = start;
    if (wd_is_kw(P, kw, "type") || wd_is_kw(P, kw, "rec"))
      scan_type(P);
    P->pos = start;
    if (!wd_skip_sexp(P))
      return;
  }
}

static void scan_fields(wd_parser_t *P) {
  int first_def = -1;
  while (wd_peek(P, 0)->kind == TK_LPAR) {
    size_t start = P->pos;
    const wd_tok_t *kw = wd_peek(P, 1);
    int sp = wd_kind_space(P, kw);
    P->field_start = start;
    if (wd_is_kw(P, kw, "type")) {
      P->pos += 2;
      bind(P, SP_TYPE);
    } else if (wd_is_kw(P, kw, "rec")) {
      // (rec (type $id? ...)*)
      P->pos += 2;
      while (wd_peek_sexp(P, "type")) {
        size_t at = P->pos;
        P->pos += 2;
        bind(P, SP_TYPE);
        P->pos = at;
        if (!wd_skip_sexp(P))
          return;
      }
    } else if (wd_is_kw(P, kw, "import")) {
      P->pos += 2;
      // (import "m" "n" (kind $id? ...))
      if (wd_peek(P, 0)->kind == TK_STR && wd_peek(P, 1)->kind == TK_STR &&
          wd_peek(P, 2)->kind == TK_LPAR) {
        const wd_tok_t *k = wd_peek(P, 3);
        int isp = wd_kind_space(P, k);
        if (isp >= 0) {
          if (first_def >= 0)
            soft_error(P, kw, "import after %s", def_name[first_def]);
          P->pos += 4;
          bind(P, isp);
          P->nimport[isp]++;
        }
      }
    } else if (sp >= 0) {
      P->pos += 2;
      const wd_tok_t *at = kw;
      bind(P, sp);
      while (wd_peek_sexp(P, "export"))
        if (!wd_skip_sexp(P))
          return;
      if (wd_peek_sexp(P, "import")) {
        if (first_def >= 0)
          soft_error(P, at, "import after %s", def_name[first_def]);
        P->nimport[sp]++;
      } else {
        if (first_def < 0)
          first_def = sp;
        // inline (elem ...) of a table, inline (data ...) of a memory
        if (sp == SP_TABLE) {
          if (wd_is_reftype_start(P) && wd_peek_sexp_at(P, wd_reftype_len(P), "elem"))
            P->count[SP_ELEM]++;
        } else if (sp == SP_MEM && wd_peek_sexp(P, "data")) {
          P->count[SP_DATA]++;
        }
      }
    } else if (wd_is_kw(P, kw, "elem")) {
      P->pos += 2;
      bind(P, SP_ELEM);
    } else if (wd_is_kw(P, kw, "data")) {
      P->pos += 2;
      bind(P, SP_DATA);
    }
    P->pos = start;
    if (!wd_skip_sexp(P))
      return; // pass 2 reports the error
  }
}

// ---- output ----------------------------------------------------------------------------

static void section(wd_parser_t *P, wd_buf_t *out, uint8_t id, uint32_t count, const wd_buf_t *b) {
  wd_buf_t hdr = {0};
  wd_buf_u32(P, &hdr, count);
  size_t size = hdr.n + b->n;
  wd_buf_byte(P, out, id);
  wd_buf_u32(P, out, (uint32_t)size);
  wd_buf_bytes(P, out, hdr.p, hdr.n);
  wd_buf_free(&hdr);
  wd_buf_bytes(P, out, b->p, b->n);
}

// A type definition: a composite type, after 0x50 (sub) or 0x4F (sub final)
// and the supertypes unless it is final without supertypes.
static void put_subtype(wd_parser_t *P, wd_buf_t *b, const wd_ftype_t *ft) {
  if (!ft->final || ft->nsuper) {
    wd_buf_byte(P, b, ft->final ? 0x4f : 0x50);
    wd_buf_u32(P, b, ft->nsuper);
    for (uint32_t k = 0; k < ft->nsuper; k++)
      wd_buf_u32(P, b, ft->super[k]);
  }
  wd_buf_byte(P, b, ft->kind);
  if (ft->kind == WD_COMP_FUNC) {
    wd_buf_u32(P, b, ft->np);
    for (uint32_t k = 0; k < ft->np; k++)
      wd_put_valtype(P, b, ft->t[k]);
    wd_buf_u32(P, b, ft->nr);
    for (uint32_t k = 0; k < ft->nr; k++)
      wd_put_valtype(P, b, ft->t[ft->np + k]);
    return;
  }
  if (ft->kind == WD_COMP_STRUCT)
    wd_buf_u32(P, b, ft->np);
  for (uint32_t k = 0; k < ft->np; k++) {
    wd_put_valtype(P, b, ft->t[k]);
    wd_buf_byte(P, b, ft->mut[k]);
  }
}

static void emit_module(wd_parser_t *P, wd_buf_t *out) {
  static const uint8_t head[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};
  wd_buf_bytes(P, out, head, 8);
  if (P->ngroups) {
    wd_buf_t *b = &P->scratch[0];
    b->n = 0;
    uint32_t i = 0;
    for (uint32_t g = 0; g < P->ngroups; g++) {
      uint32_t n = P->groups[g];
      if (n != 1) { // (rec ...): 0x4E, then its types; one alone is as if without
        wd_buf_byte(P, b, 0x4e);
        wd_buf_u32(P, b, n);
      }
      for (uint32_t end = i + n; i < end; i++)
        put_subtype(P, b, &P->types[i]);
    }
    section(P, out, 1, P->ngroups, b);
  }
  if (P->n_import)
    section(P, out, 2, P->n_import, &P->sec_import);
  if (P->n_func)
    section(P, out, 3, P->n_func, &P->sec_func);
  if (P->n_table)
    section(P, out, 4, P->n_table, &P->sec_table);
  if (P->n_mem)
    section(P, out, 5, P->n_mem, &P->sec_mem);
  if (P->n_tag)
    section(P, out, 13, P->n_tag, &P->sec_tag);
  if (P->n_global)
    section(P, out, 6, P->n_global, &P->sec_global);
  if (P->n_export)
    section(P, out, 7, P->n_export, &P->sec_export);
  if (P->has_start) {
    wd_buf_t b = {0};
    wd_buf_u32(P, &b, P->start);
    wd_buf_byte(P, out, 8);
    wd_buf_u32(P, out, (uint32_t)b.n);
    wd_buf_bytes(P, out, b.p, b.n);
    wd_buf_free(&b);
  }
  if (P->n_elem)
    section(P, out, 9, P->n_elem, &P->sec_elem);
  if (P->uses_datacount) {
    wd_buf_t b = {0};
    wd_buf_u32(P, &b, P->n_data);
    wd_buf_byte(P, out, 12);
    wd_buf_u32(P, out, (uint32_t)b.n);
    wd_buf_bytes(P, out, b.p, b.n);
    wd_buf_free(&b);
  }
  if (P->n_code)
    section(P, out, 10, P->n_code, &P->sec_code);
  if (P->n_data)
    section(P, out, 11, P->n_data, &P->sec_data);
}

static void parser_free(wd_parser_t *P) {
  for (int i = 0; i < SP_COUNT; i++)
    wd_names_free(&P->names[i]);
  for (uint32_t i = 0; i < P->ntypes; i++) {
    free(P->types[i].key);
    free(P->types[i].mut);
    free(P->types[i].super);
    wd_names_free(&P->types[i].fields);
  }
  free(P->types);
  free(P->groups);
  wd_names_free(&P->scratch_names);
  wd_buf_free(&P->idtmp);
  for (size_t i = 0; i < P->nids; i++)
    free(P->ids[i]);
  free(P->ids);
  wd_names_free(&P->locals);
  wd_names_free(&P->ops);
  wd_names_free(&P->sigs);
  wd_buf_free(&P->keybuf);
  free(P->labels);
  for (size_t i = 0; i < 4; i++)
    wd_buf_free(&P->scratch[i]);
  for (size_t i = 0; i < P->nfold; i++)
    wd_buf_free(&P->fold[i]);
  free(P->fold);
  wd_buf_free(&P->sig);
  wd_buf_free(&P->body);
  wd_buf_free(&P->clauses);
  wd_buf_t *secs[] = {&P->sec_import, &P->sec_func, &P->sec_table, &P->sec_mem,  &P->sec_global,
                      &P->sec_export, &P->sec_elem, &P->sec_code,  &P->sec_data, &P->sec_tag};
  for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++)
    wd_buf_free(secs[i]);
}

bool wd_wat_module(const char *src, size_t srclen, wd_tok_t *toks, size_t nt, size_t *pos,
                   uint32_t features, uint8_t **out, size_t *out_len, wd_text_error_t *err) {
  wd_parser_t *P = calloc(1, sizeof *P);
  wd_buf_t *volatile result = NULL;
  memset(err, 0, sizeof *err);
  if (!P) {
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return false;
  }
  P->src = src;
  P->srclen = srclen;
  P->t = toks;
  P->nt = nt;
  P->pos = *pos;
  P->err = err;
  P->features = features;
  P->jbp = &P->jb;
  bool ok = false;
  if (setjmp(P->jb) == 0) {
    size_t start = P->pos;
    scan_fields(P);
    P->pos = start;
    scan_types(P);
    P->pos = start;
    while (wd_peek(P, 0)->kind == TK_LPAR) {
      if (P->soft_failed && P->pos >= P->soft_field) {
        *P->err = P->soft_err;
        longjmp(*P->jbp, 1);
      }
      wd_parse_field(P);
    }
    if (P->soft_failed) { // (not reached: its field is before here)
      *P->err = P->soft_err;
      longjmp(*P->jbp, 1);
    }
    result = calloc(1, sizeof(wd_buf_t));
    if (!result)
      wd_fail(P, NULL, "out of memory");
    emit_module(P, result);
    *pos = P->pos;
    ok = true;
  } else {
    if (result)
      wd_buf_free(result);
  }
  if (ok) {
    *out = result->p;
    *out_len = result->n;
  }
  free(result);
  parser_free(P);
  free(P);
  return ok;
}

bool wd_wat_to_wasm(const char *src, size_t len, uint8_t **out, size_t *out_len,
                    wd_text_error_t *err) {
  return wd_wat_to_wasm_features(src, len, WARD_FEATURES_ALL, out, out_len, err);
}

bool wd_wat_to_wasm_features(const char *src, size_t len, uint32_t features, uint8_t **out,
                             size_t *out_len, wd_text_error_t *err) {
  wd_toks_t toks;
  *out = NULL;
  *out_len = 0;
  memset(err, 0, sizeof *err);
  if (!wd_lex(src, len, &toks)) {
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return false;
  }
  size_t pos = 0;
  bool wrapped = toks.n > 1 && toks.v[0].kind == TK_LPAR && toks.v[1].kind == TK_KW &&
                 toks.v[1].len == 6 && memcmp(src + toks.v[1].off, "module", 6) == 0;
  if (wrapped) {
    pos = 2;
    if (toks.v[pos].kind == TK_ID)
      pos++;
  }
  bool ok = wd_wat_module(src, len, toks.v, toks.n, &pos, features, out, out_len, err);
  if (ok) {
    // what must follow: ')' then the end, or the end
    const wd_tok_t *t = &toks.v[pos];
    const char *msg = NULL;
    if (wrapped) {
      if (t->kind != TK_RPAR)
        msg = t->kind == TK_EOF ? "unexpected end" : "unexpected token";
      else
        t = &toks.v[++pos];
    }
    if (!msg && t->kind != TK_EOF)
      msg = t->kind == TK_BAD ? wd_bad_msg(t) : "unexpected token";
    if (msg) {
      ok = false;
      free(*out);
      *out = NULL;
      *out_len = 0;
      err->line = t->line;
      err->col = t->col;
      snprintf(err->msg, sizeof err->msg, "%s", msg);
    }
  }
  free(toks.v);
  return ok;
}
