// SPDX-License-Identifier: Apache-2.0
// The decoded module: freeing it, name lookup, and small type helpers.
#include "ir/module.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

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

bool wd_functype_eq(const wd_functype_t *a, const wd_functype_t *b) {
  if (a == b)
    return true;
  if (a->nparams != b->nparams || a->nresults != b->nresults)
    return false;
  size_t n = (size_t)a->nparams + a->nresults;
  return n == 0 || memcmp(a->types, b->types, n * sizeof *a->types) == 0;
}

// Whether types i and j of m have the same structure, references to
// types compared by their canonical ones (those before i and j are known;
// a type's references to itself compare as such).
static bool same_type(const wd_module_t *m, uint32_t i, uint32_t j) {
  const wd_functype_t *a = &m->types[i], *b = &m->types[j];
  if (a->nparams != b->nparams || a->nresults != b->nresults)
    return false;
  for (uint32_t k = 0; k < a->nparams + a->nresults; k++) {
    wd_vt_t x = a->types[k], y = b->types[k];
    if (x == y)
      continue;
    if (!wd_valtype_is_ref(x) || !wd_valtype_is_ref(y) || wd_vt_nullable(x) != wd_vt_nullable(y))
      return false;
    uint32_t hx = wd_vt_heap(x), hy = wd_vt_heap(y);
    if (hx < WD_HT_IDX || hy < WD_HT_IDX)
      return false;
    hx -= WD_HT_IDX;
    hy -= WD_HT_IDX;
    bool selfx = hx == i, selfy = hy == j;
    if (selfx || selfy) {
      if (selfx != selfy)
        return false;
      continue;
    }
    if (hx >= m->ntypes || hy >= m->ntypes || m->canon[hx] != m->canon[hy])
      return false;
  }
  return true;
}

bool wd_module_canon(wd_module_t *m) {
  m->canon = wd_calloc(m->ntypes ? m->ntypes : 1, sizeof *m->canon);
  if (!m->canon)
    return false;
  for (uint32_t i = 0; i < m->ntypes; i++) {
    m->canon[i] = i;
    for (uint32_t j = 0; j < i; j++)
      if (m->canon[j] == j && same_type(m, i, j)) {
        m->canon[i] = j;
        break;
      }
  }
  return true;
}

// Heap type a is b or below it.
static bool heap_sub(const wd_module_t *m, uint32_t a, uint32_t b) {
  if (a == b)
    return true;
  if (a >= WD_HT_IDX && b >= WD_HT_IDX) {
    uint32_t x = a - WD_HT_IDX, y = b - WD_HT_IDX;
    return m && m->canon && x < m->ntypes && y < m->ntypes && m->canon[x] == m->canon[y];
  }
  switch (b) {
  case WD_HT_FUNC: return a == WD_HT_NOFUNC || a >= WD_HT_IDX;
  case WD_HT_EXTERN: return a == WD_HT_NOEXTERN;
  case WD_HT_EXN: return a == WD_HT_NOEXN;
  default: return b >= WD_HT_IDX && a == WD_HT_NOFUNC;
  }
}

bool wd_vt_sub(const wd_module_t *m, wd_vt_t a, wd_vt_t b) {
  if (a == b || a == WD_BOT || b == WD_BOT)
    return true;
  if (!wd_valtype_is_ref(a) || !wd_valtype_is_ref(b))
    return false;
  if (wd_vt_nullable(a) && !wd_vt_nullable(b))
    return false;
  return heap_sub(m, wd_vt_heap(a), wd_vt_heap(b));
}

void wd_module_free(wd_module_t *m) {
  if (m == NULL)
    return;
  wd_free(m->canon);
  for (uint32_t i = 0; i < m->ntypes; i++)
    wd_free(m->types[i].types);
  wd_free(m->types);
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
