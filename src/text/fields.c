// SPDX-License-Identifier: Apache-2.0
// Module fields of the text format, second pass (see module.c): each field
// is read fully and written in binary form into its section's buffer, with
// the abbreviations expanded: inline imports and exports, inline elem and
// data segments of tables and memories, offsets and element items written
// as expressions, and function bodies (locals here, instructions in
// instr.c).
#include <string.h>

#include "text/wat.h"

static void skip_id(wd_parser_t *P) {
  if (wd_peek(P, 0)->kind == TK_ID)
    P->pos++;
}

// (export "name")* of an entity of kind (0 func, 1 table, 2 mem, 3 global,
// 4 tag).
static void inline_exports(wd_parser_t *P, uint8_t kind, uint32_t idx) {
  while (wd_peek_sexp(P, "export")) {
    P->pos += 2;
    wd_parse_name(P, &P->sec_export);
    wd_buf_byte(P, &P->sec_export, kind);
    wd_buf_u32(P, &P->sec_export, idx);
    P->n_export++;
    wd_expect_rpar(P);
  }
}

// (import "m" "n") of a definition, if there: writes the names.
static bool inline_import(wd_parser_t *P) {
  if (!wd_peek_sexp(P, "import"))
    return false;
  P->pos += 2;
  wd_parse_name(P, &P->sec_import);
  wd_parse_name(P, &P->sec_import);
  wd_expect_rpar(P);
  P->n_import++;
  return true;
}

// The address type of a memory or table, if written: `i64` (memory64) or
// `i32`; whether it is i64.
static bool addrtype(wd_parser_t *P) {
  const wd_tok_t *t = wd_peek(P, 0);
  if (wd_is_kw(P, t, "i64") || wd_is_kw(P, t, "i32")) {
    P->pos++;
    return wd_is_kw(P, t, "i64");
  }
  return false;
}

// limits, after the address type: flags 0x04 for i64 (memory64), | 0x01
// with a maximum. The bounds may take 64 bits, but only 32 without
// memory64 in a 32-bit type (Wasm 2.0's "i32 constant out of range").
static void parse_limits(wd_parser_t *P, wd_buf_t *out, bool is64) {
  uint64_t max = is64 || (P->features & WARD_FEATURE_MEMORY64) ? UINT64_MAX : UINT32_MAX;
  uint64_t min = wd_parse_uint(P, max);
  uint8_t flags = is64 ? 0x04 : 0x00;
  if (wd_peek(P, 0)->kind == TK_NUM) {
    uint64_t hi = wd_parse_uint(P, max);
    wd_buf_byte(P, out, flags | 1);
    wd_buf_u64(P, out, min);
    wd_buf_u64(P, out, hi);
  } else {
    wd_buf_byte(P, out, flags);
    wd_buf_u64(P, out, min);
  }
}

// A memory type: the address type, then limits.
static void memory_type(wd_parser_t *P, wd_buf_t *out) { parse_limits(P, out, addrtype(P)); }

// A table type: limits then the reference type in the text; the binary
// has the type first.
static void table_type(wd_parser_t *P, wd_buf_t *out) {
  size_t at = out->n;
  parse_limits(P, out, addrtype(P));
  wd_vt_t rt = wd_parse_reftype(P);
  size_t lim = out->n - at;
  wd_put_valtype(P, out, rt); // then moved before the limits
  size_t tn = out->n - at - lim;
  uint8_t enc[16];
  memcpy(enc, out->p + at + lim, tn);
  memmove(out->p + at + tn, out->p + at, lim);
  memcpy(out->p + at, enc, tn);
}

static void parse_globaltype(wd_parser_t *P, wd_buf_t *out) {
  if (wd_peek_sexp(P, "mut")) {
    P->pos += 2;
    wd_put_valtype(P, out, wd_parse_valtype(P));
    wd_buf_byte(P, out, 1);
    wd_expect_rpar(P);
  } else {
    wd_put_valtype(P, out, wd_parse_valtype(P));
    wd_buf_byte(P, out, 0);
  }
}

static void end_expr(wd_parser_t *P, wd_buf_t *out) {
  wd_parse_expr(P, out);
  wd_buf_byte(P, out, 0x0b);
}

// A function's body: locals, instructions, into the code section.
static void func_body(wd_parser_t *P, uint32_t nparams) {
  wd_names_t *L = &P->locals;
  wd_buf_t *lt = &P->scratch[0]; // local types, a wd_vt_t each
  lt->n = 0;
  uint32_t nl = nparams;
  while (wd_peek_sexp(P, "local")) {
    P->pos += 2;
    const wd_tok_t *id = wd_peek(P, 0);
    if (id->kind == TK_ID) {
      wd_bind_id(P, id, L, nl, "local");
      wd_vt_t t = wd_parse_valtype(P);
      wd_buf_bytes(P, lt, &t, sizeof t);
      nl++;
    } else {
      while (wd_peek(P, 0)->kind != TK_RPAR) {
        wd_vt_t t = wd_parse_valtype(P);
        wd_buf_bytes(P, lt, &t, sizeof t);
        nl++;
      }
    }
    wd_expect_rpar(P);
  }
  // Local declarations: runs of equal types.
  wd_buf_t *body = &P->body;
  body->n = 0;
  const wd_vt_t *ltv = (const wd_vt_t *)(void *)lt->p;
  size_t nlt = lt->n / sizeof *ltv;
  uint32_t runs = 0;
  for (size_t i = 0; i < nlt; i++)
    if (i == 0 || ltv[i] != ltv[i - 1])
      runs++;
  wd_buf_u32(P, body, runs);
  for (size_t i = 0; i < nlt;) {
    size_t j = i;
    while (j < nlt && ltv[j] == ltv[i])
      j++;
    wd_buf_u32(P, body, (uint32_t)(j - i));
    wd_put_valtype(P, body, ltv[i]);
    i = j;
  }
  P->nlabels = 0;
  wd_parse_instrs(P, body);
  const wd_tok_t *t = wd_peek(P, 0);
  if (t->kind != TK_RPAR)
    wd_unexpected(P, t);
  wd_buf_byte(P, body, 0x0b);
  wd_buf_u32(P, &P->sec_code, (uint32_t)body->n);
  wd_buf_bytes(P, &P->sec_code, body->p, body->n);
  P->n_code++;
}

static void field_func(wd_parser_t *P) {
  skip_id(P);
  uint32_t idx = P->cur[SP_FUNC]++;
  inline_exports(P, 0, idx);
  uint32_t np;
  if (inline_import(P)) {
    wd_buf_byte(P, &P->sec_import, 0x00);
    wd_buf_u32(P, &P->sec_import, wd_parse_typeuse(P, NULL, &np, false));
    return;
  }
  wd_names_free(&P->locals);
  uint32_t ti = wd_parse_typeuse(P, &P->locals, &np, false);
  wd_buf_u32(P, &P->sec_func, ti);
  P->n_func++;
  func_body(P, np);
}

// Elements: either all `ref.func x` (written as indices where the segment
// allows) or expressions. Writes the list to out; returns whether indices.
typedef struct elemlist {
  wd_vt_t reftype;
  bool all_funcs;
  uint32_t n;
  wd_buf_t *items; // each item's expression, concatenated with 0x0b after each
} elemlist_t;

static void elem_item_expr(wd_parser_t *P, elemlist_t *el) {
  size_t at = el->items->n;
  if (wd_peek_sexp(P, "item")) {
    P->pos += 2;
    wd_parse_expr(P, el->items);
    wd_expect_rpar(P);
  } else {
    wd_parse_one_instr(P, el->items);
  }
  // Exactly `ref.func x`?
  const uint8_t *b = el->items->p + at;
  size_t len = el->items->n - at;
  bool rf = len >= 2 && b[0] == 0xd2;
  if (rf) {
    size_t k = 1;
    while (k < len && (b[k] & 0x80))
      k++;
    rf = k + 1 == len;
  }
  if (!rf)
    el->all_funcs = false;
  wd_buf_byte(P, el->items, 0x0b);
  el->n++;
}

// elemlist: reftype item* | func funcidx* | funcidx*
static void parse_elemlist(wd_parser_t *P, elemlist_t *el) {
  el->n = 0;
  el->all_funcs = true;
  el->reftype = WD_FUNCREF;
  el->items->n = 0;
  const wd_tok_t *t = wd_peek(P, 0);
  if (wd_is_reftype_start(P)) {
    el->reftype = wd_parse_reftype(P);
    while (wd_peek(P, 0)->kind == TK_LPAR)
      elem_item_expr(P, el);
    // Function indices in the binary stand for elements of type (ref func)
    // with typed references (Wasm 3.0), of funcref without (Wasm 2.0); of
    // any other type, the expressions are written.
    bool typed = P->features & (WARD_FEATURE_FUNCTION_REFERENCES | WARD_FEATURE_GC);
    if (el->reftype != (typed ? WD_VT_REF(false, WD_HT_FUNC) : WD_FUNCREF))
      el->all_funcs = false;
    return;
  }
  if (wd_is_kw(P, t, "func"))
    P->pos++;
  while (wd_peek_idx(P)) {
    uint32_t f = wd_parse_idx(P, SP_FUNC);
    wd_buf_byte(P, el->items, 0xd2);
    wd_buf_u32(P, el->items, f);
    wd_buf_byte(P, el->items, 0x0b);
    el->n++;
  }
}

// Writes the list: indices (the bytes after 0xd2) or expressions.
static void write_elemlist(wd_parser_t *P, wd_buf_t *out, const elemlist_t *el) {
  wd_buf_u32(P, out, el->n);
  if (!el->all_funcs) {
    wd_buf_bytes(P, out, el->items->p, el->items->n);
    return;
  }
  const uint8_t *b = el->items->p;
  for (uint32_t i = 0; i < el->n; i++) {
    size_t k = 1;
    while (b[k] & 0x80)
      k++;
    wd_buf_bytes(P, out, b + 1, k);
    b += k + 2; // LEB, then 0x0b
  }
}

// 0 active, 1 passive, 2 declarative.
static void write_elem(wd_parser_t *P, int mode, uint32_t table, const wd_buf_t *offset,
                       const elemlist_t *el) {
  wd_buf_t *out = &P->sec_elem;
  uint8_t flags = mode == 1 ? 1 : mode == 2 ? 3 : (table != 0 ? 2 : 0);
  if (!el->all_funcs)
    flags |= 4;
  // Table 0 with a type other than funcref needs the explicit form.
  if (flags == 4 && el->reftype != WD_FUNCREF)
    flags = 6;
  wd_buf_byte(P, out, flags);
  if (flags & 2 && !(flags & 1))
    wd_buf_u32(P, out, table);
  if (!(flags & 1)) {
    wd_buf_bytes(P, out, offset->p, offset->n);
  }
  if (flags & 3) {
    if (flags & 4)
      wd_put_valtype(P, out, el->reftype);
    else
      wd_buf_byte(P, out, 0x00);
  }
  write_elemlist(P, out, el);
  P->n_elem++;
}

// Limits of exactly n (a table or memory sized by its inline segment).
static void exact_limits(wd_parser_t *P, wd_buf_t *out, bool is64, uint64_t n) {
  wd_buf_byte(P, out, is64 ? 0x05 : 0x01);
  wd_buf_u64(P, out, n);
  wd_buf_u64(P, out, n);
}

// The offset of an inline segment: (i32.const 0), or (i64.const 0) in a
// 64-bit table or memory; with its end.
static const wd_buf_t *zero_offset(wd_parser_t *P, bool is64) {
  wd_buf_t *off = &P->scratch[2];
  off->n = 0;
  wd_buf_byte(P, off, is64 ? 0x42 : 0x41);
  wd_buf_byte(P, off, 0);
  wd_buf_byte(P, off, 0x0b);
  return off;
}

static void field_table(wd_parser_t *P) {
  skip_id(P);
  uint32_t idx = P->cur[SP_TABLE]++;
  inline_exports(P, 1, idx);
  if (inline_import(P)) {
    wd_buf_byte(P, &P->sec_import, 0x01);
    table_type(P, &P->sec_import);
    return;
  }
  size_t type_at = P->pos;
  bool is64 = addrtype(P);
  if (wd_is_reftype_start(P) && wd_peek_sexp_at(P, wd_reftype_len(P), "elem")) {
    elemlist_t el = {.items = &P->scratch[1]};
    wd_vt_t rt = wd_parse_reftype(P);
    P->pos += 2;
    if (wd_peek(P, 0)->kind == TK_LPAR) {
      el.all_funcs = true;
      el.reftype = rt;
      el.items->n = 0;
      el.n = 0;
      while (wd_peek(P, 0)->kind == TK_LPAR)
        elem_item_expr(P, &el);
      if (rt != WD_FUNCREF)
        el.all_funcs = false;
    } else {
      parse_elemlist(P, &el);
      el.reftype = rt;
      if (rt != WD_FUNCREF) // a typed table: the expressions, typed as it is
        el.all_funcs = false;
    }
    wd_expect_rpar(P);
    wd_put_valtype(P, &P->sec_table, rt);
    exact_limits(P, &P->sec_table, is64, el.n);
    P->n_table++;
    P->cur[SP_ELEM]++;
    write_elem(P, 0, idx, zero_offset(P, is64), &el);
    return;
  }
  P->pos = type_at;
  size_t at = P->sec_table.n;
  table_type(P, &P->sec_table);
  P->n_table++;
  if (wd_peek(P, 0)->kind == TK_LPAR) {
    // An initial value: 0x40 0x00, the table type, the expression.
    wd_buf_byte(P, &P->sec_table, 0);
    wd_buf_byte(P, &P->sec_table, 0);
    memmove(P->sec_table.p + at + 2, P->sec_table.p + at, P->sec_table.n - at - 2);
    P->sec_table.p[at] = 0x40;
    P->sec_table.p[at + 1] = 0x00;
    P->nlabels = 0;
    end_expr(P, &P->sec_table);
  }
}

static void write_data(wd_parser_t *P, bool active, uint32_t mem, const wd_buf_t *offset,
                       const wd_buf_t *bytes) {
  wd_buf_t *out = &P->sec_data;
  if (!active) {
    wd_buf_byte(P, out, 1);
  } else if (mem != 0) {
    wd_buf_byte(P, out, 2);
    wd_buf_u32(P, out, mem);
  } else {
    wd_buf_byte(P, out, 0);
  }
  if (active)
    wd_buf_bytes(P, out, offset->p, offset->n);
  wd_buf_u32(P, out, (uint32_t)bytes->n);
  wd_buf_bytes(P, out, bytes->p, bytes->n);
  P->n_data++;
}

static void field_memory(wd_parser_t *P) {
  skip_id(P);
  uint32_t idx = P->cur[SP_MEM]++;
  inline_exports(P, 2, idx);
  if (inline_import(P)) {
    wd_buf_byte(P, &P->sec_import, 0x02);
    memory_type(P, &P->sec_import);
    return;
  }
  size_t type_at = P->pos;
  bool is64 = addrtype(P);
  if (wd_peek_sexp(P, "data")) {
    P->pos += 2;
    wd_buf_t *bytes = &P->scratch[1];
    bytes->n = 0;
    wd_parse_strings(P, bytes);
    wd_expect_rpar(P);
    exact_limits(P, &P->sec_mem, is64, ((uint64_t)bytes->n + 65535) / 65536);
    P->n_mem++;
    P->cur[SP_DATA]++;
    write_data(P, true, idx, zero_offset(P, is64), bytes);
    return;
  }
  P->pos = type_at;
  memory_type(P, &P->sec_mem);
  P->n_mem++;
}

static void field_global(wd_parser_t *P) {
  skip_id(P);
  uint32_t idx = P->cur[SP_GLOBAL]++;
  inline_exports(P, 3, idx);
  if (inline_import(P)) {
    wd_buf_byte(P, &P->sec_import, 0x03);
    parse_globaltype(P, &P->sec_import);
    return;
  }
  parse_globaltype(P, &P->sec_global);
  P->nlabels = 0;
  wd_names_free(&P->locals);
  end_expr(P, &P->sec_global);
  P->n_global++;
}

static void field_import(wd_parser_t *P) {
  wd_parse_name(P, &P->sec_import);
  wd_parse_name(P, &P->sec_import);
  P->n_import++;
  wd_expect_lpar(P);
  const wd_tok_t *k = wd_peek(P, 0);
  int sp = wd_kind_space(P, k);
  if (sp < 0)
    wd_unexpected(P, k);
  P->pos++;
  skip_id(P);
  P->cur[sp]++;
  uint32_t np;
  wd_buf_t *out = &P->sec_import;
  switch (sp) {
  case SP_FUNC:
    wd_buf_byte(P, out, 0x00);
    wd_buf_u32(P, out, wd_parse_typeuse(P, NULL, &np, false));
    break;
  case SP_TABLE: {
    wd_buf_byte(P, out, 0x01);
    table_type(P, out);
    break;
  }
  case SP_MEM:
    wd_buf_byte(P, out, 0x02);
    memory_type(P, out);
    break;
  case SP_TAG:
    wd_buf_byte(P, out, 0x04);
    wd_buf_byte(P, out, 0x00); // an exception
    wd_buf_u32(P, out, wd_parse_typeuse(P, NULL, &np, false));
    break;
  default:
    wd_buf_byte(P, out, 0x03);
    parse_globaltype(P, out);
    break;
  }
  wd_expect_rpar(P);
}

// (tag $id? (export ...)* (import ...)? typeuse)
static void field_tag(wd_parser_t *P) {
  skip_id(P);
  uint32_t idx = P->cur[SP_TAG]++;
  inline_exports(P, 4, idx);
  uint32_t np;
  wd_buf_t *out = &P->sec_tag;
  if (inline_import(P)) {
    out = &P->sec_import;
    wd_buf_byte(P, out, 0x04);
  } else {
    P->n_tag++;
  }
  wd_buf_byte(P, out, 0x00); // an exception
  wd_buf_u32(P, out, wd_parse_typeuse(P, NULL, &np, false));
}

static void field_export(wd_parser_t *P) {
  wd_parse_name(P, &P->sec_export);
  wd_expect_lpar(P);
  const wd_tok_t *k = wd_peek(P, 0);
  int sp = wd_kind_space(P, k);
  if (sp < 0)
    wd_unexpected(P, k);
  P->pos++;
  wd_buf_byte(P, &P->sec_export, (uint8_t)(sp - SP_FUNC));
  wd_buf_u32(P, &P->sec_export, wd_parse_idx(P, sp));
  wd_expect_rpar(P);
  P->n_export++;
}

// An offset: (offset instr*) or one folded instruction; with 0x0b.
static void parse_offset(wd_parser_t *P, wd_buf_t *off) {
  off->n = 0;
  P->nlabels = 0;
  wd_names_free(&P->locals);
  if (wd_peek_sexp(P, "offset")) {
    P->pos += 2;
    wd_parse_expr(P, off);
    wd_expect_rpar(P);
  } else {
    wd_parse_one_instr(P, off);
  }
  wd_buf_byte(P, off, 0x0b);
}

static void field_elem(wd_parser_t *P) {
  skip_id(P);
  P->cur[SP_ELEM]++;
  P->nlabels = 0;
  wd_names_free(&P->locals);
  elemlist_t el = {.items = &P->scratch[1]};
  wd_buf_t *off = &P->scratch[2];
  if (wd_is_kw(P, wd_peek(P, 0), "declare")) {
    P->pos++;
    parse_elemlist(P, &el);
    write_elem(P, 2, 0, off, &el);
    return;
  }
  uint32_t table = 0;
  bool active = false;
  if (wd_peek_sexp(P, "table")) {
    P->pos += 2;
    table = wd_parse_idx(P, SP_TABLE);
    wd_expect_rpar(P);
    active = true;
  } else if (wd_peek_idx(P) && wd_peek(P, 1)->kind == TK_LPAR) {
    table = wd_parse_idx(P, SP_TABLE); // the old form: (elem 0 (offset ...) ...)
    active = true;
  }
  // An offset, unless a typed elemlist starts here: (ref ...) is a type.
  if (wd_peek(P, 0)->kind == TK_LPAR && !wd_peek_sexp(P, "ref")) {
    parse_offset(P, off);
    active = true;
  } else if (active) {
    wd_unexpected(P, wd_peek(P, 0));
  }
  parse_elemlist(P, &el);
  write_elem(P, active ? 0 : 1, table, off, &el);
}

static void field_data(wd_parser_t *P) {
  skip_id(P);
  P->cur[SP_DATA]++;
  wd_buf_t *bytes = &P->scratch[1];
  wd_buf_t *off = &P->scratch[2];
  bytes->n = 0;
  uint32_t mem = 0;
  bool active = false;
  if (wd_peek_sexp(P, "memory")) {
    P->pos += 2;
    mem = wd_parse_idx(P, SP_MEM);
    wd_expect_rpar(P);
    active = true;
  } else if (wd_peek_idx(P) && wd_peek(P, 1)->kind == TK_LPAR) {
    mem = wd_parse_idx(P, SP_MEM); // the old form: (data 0 (offset ...) ...)
    active = true;
  }
  if (wd_peek(P, 0)->kind == TK_LPAR) {
    parse_offset(P, off);
    active = true;
  } else if (active) {
    wd_unexpected(P, wd_peek(P, 0));
  }
  wd_parse_strings(P, bytes);
  write_data(P, active, mem, off, bytes);
}

void wd_parse_field(wd_parser_t *P) {
  wd_expect_lpar(P);
  const wd_tok_t *kw = wd_peek(P, 0);
  if (kw->kind != TK_KW)
    wd_unexpected(P, kw);
  P->pos++;
  if (wd_is_kw(P, kw, "type") || wd_is_kw(P, kw, "rec")) {
    // read in pass 1; skip it here
    P->pos--;
    P->pos--;
    wd_skip_sexp(P);
    return;
  } else if (wd_is_kw(P, kw, "func")) {
    field_func(P);
  } else if (wd_is_kw(P, kw, "table")) {
    field_table(P);
  } else if (wd_is_kw(P, kw, "memory")) {
    field_memory(P);
  } else if (wd_is_kw(P, kw, "global")) {
    field_global(P);
  } else if (wd_is_kw(P, kw, "tag")) {
    field_tag(P);
  } else if (wd_is_kw(P, kw, "import")) {
    field_import(P);
  } else if (wd_is_kw(P, kw, "export")) {
    field_export(P);
  } else if (wd_is_kw(P, kw, "start")) {
    if (P->has_start)
      wd_fail(P, kw, "multiple start sections");
    P->has_start = true;
    P->start = wd_parse_idx(P, SP_FUNC);
  } else if (wd_is_kw(P, kw, "elem")) {
    field_elem(P);
  } else if (wd_is_kw(P, kw, "data")) {
    field_data(P);
  } else {
    wd_fail(P, kw, "unknown operator");
  }
  wd_expect_rpar(P);
}
