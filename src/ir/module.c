// SPDX-License-Identifier: Apache-2.0
// The decoded module: freeing it, name lookup, and small type helpers.
#include "ir/module.h"

#include <stdio.h>
#include <string.h>

#include "ir/rtt.h"
#include "util/alloc.h"
#include "util/leb128.h"

const char *wd_valtype_name(wd_vt_t t) {
  switch (t) {
  case WD_I32: return "i32";
  case WD_I64: return "i64";
  case WD_F32: return "f32";
  case WD_F64: return "f64";
  case WD_V128: return "v128";
  case WD_FUNCREF: return "funcref";
  case WD_EXTERNREF: return "externref";
  case WD_EXNREF: return "exnref";
  case WD_BOT: return "bot";
  default: break;
  }
  if (!wd_valtype_is_ref(t))
    return "<invalid type>";
  static const char *const abstract[] = {
      [WD_HT_NOEXN - WD_HT_EXN] = "noexn",       [WD_HT_NOFUNC - WD_HT_EXN] = "nofunc",
      [WD_HT_NOEXTERN - WD_HT_EXN] = "noextern", [WD_HT_NONE - WD_HT_EXN] = "none",
      [WD_HT_FUNC - WD_HT_EXN] = "func",         [WD_HT_EXTERN - WD_HT_EXN] = "extern",
      [WD_HT_ANY - WD_HT_EXN] = "any",           [WD_HT_EQ - WD_HT_EXN] = "eq",
      [WD_HT_I31 - WD_HT_EXN] = "i31",           [WD_HT_STRUCT - WD_HT_EXN] = "struct",
      [WD_HT_ARRAY - WD_HT_EXN] = "array",       [WD_HT_EXN - WD_HT_EXN] = "exn",
  };
  static _Thread_local char ring[4][40];
  static _Thread_local unsigned next;
  char *buf = ring[next++ % 4];
  uint32_t ht = wd_vt_heap(t);
  const char *null = wd_vt_nullable(t) ? "null " : "";
  if (ht >= WD_HT_IDX)
    snprintf(buf, sizeof ring[0], "(ref %s%u)", null, ht - WD_HT_IDX);
  else if (ht >= WD_HT_EXN && ht <= WD_HT_NOEXN)
    snprintf(buf, sizeof ring[0], "(ref %s%s)", null, abstract[ht - WD_HT_EXN]);
  else
    return "<invalid type>";
  return buf;
}

// Heap type a (of ma) is b (of mb) or below it. Type indices compare by
// their canonical types (ir/rtt.h); before those exist (a module being
// validated), by index within one module.
static bool heap_sub(const wd_module_t *ma, uint32_t a, const wd_module_t *mb, uint32_t b) {
  if (a >= WD_HT_IDX) {
    uint32_t x = a - WD_HT_IDX;
    if (!ma || x >= ma->ntypes)
      return false;
    uint8_t comp = ma->sub[x].comp;
    if (b >= WD_HT_IDX) {
      uint32_t y = b - WD_HT_IDX;
      if (!mb || y >= mb->ntypes)
        return false;
      if (ma->rtts && mb->rtts)
        return wd_rtt_sub(ma->rtts[x], mb->rtts[y]);
      return ma == mb && x == y;
    }
    switch (b) {
    case WD_HT_FUNC: return comp == WD_COMP_FUNC;
    case WD_HT_STRUCT: return comp == WD_COMP_STRUCT;
    case WD_HT_ARRAY: return comp == WD_COMP_ARRAY;
    case WD_HT_EQ:
    case WD_HT_ANY: return comp != WD_COMP_FUNC;
    default: return false;
    }
  }
  if (a == b)
    return true;
  if (b >= WD_HT_IDX) { // only the bottom of its hierarchy is below a defined type
    uint32_t y = b - WD_HT_IDX;
    if (!mb || y >= mb->ntypes)
      return false;
    return a == (mb->sub[y].comp == WD_COMP_FUNC ? WD_HT_NOFUNC : WD_HT_NONE);
  }
  switch (b) {
  case WD_HT_ANY:
    return a == WD_HT_EQ || a == WD_HT_I31 || a == WD_HT_STRUCT || a == WD_HT_ARRAY ||
           a == WD_HT_NONE;
  case WD_HT_EQ: return a == WD_HT_I31 || a == WD_HT_STRUCT || a == WD_HT_ARRAY || a == WD_HT_NONE;
  case WD_HT_I31:
  case WD_HT_STRUCT:
  case WD_HT_ARRAY: return a == WD_HT_NONE;
  case WD_HT_FUNC: return a == WD_HT_NOFUNC;
  case WD_HT_EXTERN: return a == WD_HT_NOEXTERN;
  case WD_HT_EXN: return a == WD_HT_NOEXN;
  default: return false;
  }
}

bool wd_vt_sub2(const wd_module_t *ma, wd_vt_t a, const wd_module_t *mb, wd_vt_t b) {
  if ((a == b && ma == mb) || a == WD_BOT || b == WD_BOT)
    return true;
  if (!wd_valtype_is_ref(a) || !wd_valtype_is_ref(b))
    return a == b;
  if (wd_vt_nullable(a) && !wd_vt_nullable(b))
    return false;
  return heap_sub(ma, wd_vt_heap(a), mb, wd_vt_heap(b));
}

bool wd_vt_sub(const wd_module_t *m, wd_vt_t a, wd_vt_t b) { return wd_vt_sub2(m, a, m, b); }

void wd_module_free(wd_module_t *m) {
  if (m == NULL)
    return;
  wd_free(m->rtts);
  for (uint32_t i = 0; i < m->ntypes; i++) {
    wd_free(m->types[i].types);
    wd_free(m->sub[i].fields);
  }
  wd_free(m->types);
  wd_free(m->sub);
  for (uint32_t i = 0; i < m->nimports; i++) {
    wd_free(m->imports[i].module);
    wd_free(m->imports[i].name);
  }
  wd_free(m->imports);
  wd_free(m->func_types);
  wd_free(m->tables);
  wd_free(m->memories);
  wd_free(m->global_types);
  wd_free(m->tag_types);
  wd_free(m->globals);
  for (uint32_t i = 0; i < m->nexports; i++)
    wd_free(m->exports[i].name);
  wd_free(m->exports);
  for (uint32_t i = 0; i < m->nelems; i++) {
    wd_free(m->elems[i].funcs);
    wd_free(m->elems[i].exprs);
  }
  wd_free(m->elems);
  wd_free(m->datas);
  // Compiled code (bodies[i].code) belongs to src/interp, which frees it
  // before calling this.
  for (uint32_t i = 0; i < m->nbodies; i++)
    wd_free(m->bodies[i].localruns);
  wd_free(m->bodies);
  wd_free(m->declared_funcs);
  wd_free(m->module_name);
  for (uint32_t i = 0; i < m->nfunc_names; i++)
    wd_free(m->func_names[i].name);
  wd_free(m->func_names);
  for (uint32_t i = 0; i < m->ncustoms; i++)
    wd_free(m->customs[i].name);
  wd_free(m->customs);
  wd_free(m->bytes);
  wd_free(m);
}

const char *wd_module_func_name(const wd_module_t *m, uint32_t funcidx) {
  uint32_t lo = 0, hi = m->nfunc_names;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    uint32_t idx = m->func_names[mid].index;
    if (idx == funcidx)
      return m->func_names[mid].name;
    if (idx < funcidx)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static const char *const k_feature_names[] = {
    "simd",     "relaxed-simd", "tail-call",         "extended-const",      "multi-memory",
    "memory64", "exceptions",   "legacy-exceptions", "function-references", "gc",
};

const char *wd_feature_name(uint32_t feat) {
  for (size_t i = 0; i < sizeof k_feature_names / sizeof *k_feature_names; i++)
    if (feat == 1u << i)
      return k_feature_names[i];
  return NULL;
}

uint32_t wd_feature_by_name(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof k_feature_names / sizeof *k_feature_names; i++)
    if (strlen(k_feature_names[i]) == len && memcmp(k_feature_names[i], name, len) == 0)
      return 1u << i;
  return 0;
}

// An unsigned LEB128 of at most 32 bits at *at, below end (advancing *at);
// false if none.
static bool forward_u32(const uint8_t *b, uint32_t *at, uint32_t end, uint32_t *v) {
  uint64_t x;
  size_t len;
  if (*at >= end || wd_leb_read_unsigned(b + *at, b + end, 32, &x, &len) != WD_LEB_OK)
    return false;
  *at += (uint32_t)len;
  *v = (uint32_t)x;
  return true;
}

uint32_t wd_module_forward(const wd_module_t *m, uint32_t f, uint32_t *call_at) {
  if (f < m->nimported_funcs || f - m->nimported_funcs >= m->nbodies)
    return UINT32_MAX;
  const wd_funcbody_t *body = &m->bodies[f - m->nimported_funcs];
  if (body->nlocals || !body->len)
    return UINT32_MAX;
  const wd_functype_t *ft = &m->types[m->func_types[f]];
  uint32_t at = body->code_off, end = body->off + body->len, v, g;
  for (uint32_t i = 0; i < ft->nparams; i++)
    if (at >= end || m->bytes[at++] != 0x20 || !forward_u32(m->bytes, &at, end, &v) || v != i)
      return UINT32_MAX;
  uint32_t call = at;
  if (at >= end || m->bytes[at++] != 0x10 || !forward_u32(m->bytes, &at, end, &g) ||
      at + 1 != end || m->bytes[at] != 0x0b)
    return UINT32_MAX;
  if (g == f || g < m->nimported_funcs || g >= m->nfuncs || m->func_types[g] != m->func_types[f])
    return UINT32_MAX;
  *call_at = call;
  return g;
}

uint32_t wd_module_skip(const wd_module_t *m, uint32_t f, uint32_t chain[WD_FORWARD_MAX],
                        uint32_t calls[WD_FORWARD_MAX], uint32_t *n) {
  uint32_t k = 0, at;
  for (uint32_t g; k < WD_FORWARD_MAX && (g = wd_module_forward(m, f, &at)) != UINT32_MAX; k++) {
    if (chain)
      chain[k] = f;
    if (calls)
      calls[k] = at;
    f = g;
  }
  if (n)
    *n = k;
  return f;
}

bool wd_module_call_at(const wd_module_t *m, size_t at, uint32_t *f) {
  if (at >= m->size || at >= UINT32_MAX || m->bytes[at] != 0x10)
    return false;
  uint32_t p = (uint32_t)at + 1;
  return forward_u32(m->bytes, &p, m->size < UINT32_MAX ? (uint32_t)m->size : UINT32_MAX, f);
}
