// SPDX-License-Identifier: Apache-2.0
// wasm.h: value, function, global, table, memory, extern, import and export
// types. They are plain data the caller owns, independent of any store.
#include <string.h>

#include "capi/capi.h"
#include "util/alloc.h"

struct wasm_valtype_t {
  wasm_valkind_t kind;
};

// Every extern type is one struct: the casts between wasm_externtype_t and
// the four kinds return the same pointer, and the fields of the other
// kinds are unused.
typedef struct xtype {
  wasm_externkind_t kind;
  wasm_valtype_vec_t params, results; // function
  wasm_valtype_t *content;            // global: its value type; table: the element type
  wasm_mutability_t mut;              // global
  wasm_limits_t limits;               // table, memory
} xtype_t;

struct wasm_importtype_t {
  wasm_name_t module, name;
  wasm_externtype_t *type;
};

struct wasm_exporttype_t {
  wasm_name_t name;
  wasm_externtype_t *type;
};

#define XT(p) ((xtype_t *)(void *)(p))
#define CXT(p) ((const xtype_t *)(const void *)(p))

// ---- value types -------------------------------------------------------------------

wasm_valtype_t *wasm_valtype_new(wasm_valkind_t kind) {
  wasm_valtype_t *t = wd_malloc(sizeof *t);
  if (t)
    t->kind = kind;
  return t;
}
void wasm_valtype_delete(wasm_valtype_t *t) { wd_free(t); }
wasm_valtype_t *wasm_valtype_copy(const wasm_valtype_t *t) {
  return t ? wasm_valtype_new(t->kind) : NULL;
}
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *t) { return t->kind; }

// ---- extern types --------------------------------------------------------------------

static xtype_t *xtype_new(wasm_externkind_t kind) {
  xtype_t *t = wd_calloc(1, sizeof *t);
  if (t)
    t->kind = kind;
  return t;
}

void wasm_externtype_delete(wasm_externtype_t *et) {
  xtype_t *t = XT(et);
  if (!t)
    return;
  wasm_valtype_vec_delete(&t->params);
  wasm_valtype_vec_delete(&t->results);
  wasm_valtype_delete(t->content);
  wd_free(t);
}

wasm_externtype_t *wasm_externtype_copy(const wasm_externtype_t *et) {
  const xtype_t *t = CXT(et);
  if (!t)
    return NULL;
  xtype_t *c = xtype_new(t->kind);
  if (!c)
    return NULL;
  c->mut = t->mut;
  c->limits = t->limits;
  wasm_valtype_vec_copy(&c->params, &t->params);
  wasm_valtype_vec_copy(&c->results, &t->results);
  c->content = wasm_valtype_copy(t->content);
  if (c->params.size != t->params.size || c->results.size != t->results.size ||
      (t->content && !c->content)) {
    wasm_externtype_delete((wasm_externtype_t *)(void *)c);
    return NULL;
  }
  return (wasm_externtype_t *)(void *)c;
}

wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *t) { return CXT(t)->kind; }

// For each kind: delete and copy (as extern types), and the casts both
// ways (NULL when the kind differs).
#define WD_CAPI_XTYPE(name, KIND)                                                                  \
  void wasm_##name##_delete(wasm_##name##_t *t) {                                                  \
    wasm_externtype_delete((wasm_externtype_t *)(void *)t);                                        \
  }                                                                                                \
  wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *t) {                                  \
    return (wasm_##name##_t *)(void *)wasm_externtype_copy(                                        \
        (const wasm_externtype_t *)(const void *)t);                                               \
  }                                                                                                \
  wasm_externtype_t *wasm_##name##_as_externtype(wasm_##name##_t *t) {                             \
    return (wasm_externtype_t *)(void *)t;                                                         \
  }                                                                                                \
  const wasm_externtype_t *wasm_##name##_as_externtype_const(const wasm_##name##_t *t) {           \
    return (const wasm_externtype_t *)(const void *)t;                                             \
  }                                                                                                \
  wasm_##name##_t *wasm_externtype_as_##name(wasm_externtype_t *t) {                               \
    return t && XT(t)->kind == KIND ? (wasm_##name##_t *)(void *)t : NULL;                         \
  }                                                                                                \
  const wasm_##name##_t *wasm_externtype_as_##name##_const(const wasm_externtype_t *t) {           \
    return t && CXT(t)->kind == KIND ? (const wasm_##name##_t *)(const void *)t : NULL;            \
  }

WD_CAPI_XTYPE(functype, WASM_EXTERN_FUNC)
WD_CAPI_XTYPE(globaltype, WASM_EXTERN_GLOBAL)
WD_CAPI_XTYPE(tabletype, WASM_EXTERN_TABLE)
WD_CAPI_XTYPE(memorytype, WASM_EXTERN_MEMORY)

// ---- function types ---------------------------------------------------------------------

wasm_functype_t *wasm_functype_new(wasm_valtype_vec_t *params, wasm_valtype_vec_t *results) {
  xtype_t *t = xtype_new(WASM_EXTERN_FUNC);
  if (!t) {
    wasm_valtype_vec_delete(params);
    wasm_valtype_vec_delete(results);
    return NULL;
  }
  t->params = *params; // taken, not copied
  t->results = *results;
  return (wasm_functype_t *)(void *)t;
}

const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *t) { return &CXT(t)->params; }
const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *t) {
  return &CXT(t)->results;
}

// The wasm.h value types of n ward kinds; false if out of memory.
static bool valtypes_of(wasm_valtype_vec_t *out, size_t n, const ward_functype_t *ft,
                        bool results) {
  wasm_valtype_vec_new_uninitialized(out, n);
  if (out->size != n)
    return false;
  for (size_t i = 0; i < n; i++) {
    ward_valkind_t k = results ? ward_functype_result(ft, i) : ward_functype_param(ft, i);
    out->data[i] = wasm_valtype_new(wd_capi_valkind(k));
    if (!out->data[i])
      return false;
  }
  return true;
}

static wasm_functype_t *functype_of_ward(const ward_functype_t *ft) {
  xtype_t *t = xtype_new(WASM_EXTERN_FUNC);
  if (!t)
    return NULL;
  if (!valtypes_of(&t->params, ward_functype_param_count(ft), ft, false) ||
      !valtypes_of(&t->results, ward_functype_result_count(ft), ft, true)) {
    wasm_externtype_delete((wasm_externtype_t *)(void *)t);
    return NULL;
  }
  return (wasm_functype_t *)(void *)t;
}

ward_functype_t *wd_capi_ward_functype(const wasm_functype_t *ft) {
  const xtype_t *t = CXT(ft);
  size_t np = t->params.size, nr = t->results.size;
  ward_valkind_t small[16] = {WARD_I32};
  ward_valkind_t *k = np + nr <= 16 ? small : wd_malloc((np + nr) * sizeof *k);
  if (!k)
    return NULL;
  bool ok = true;
  for (size_t i = 0; i < np + nr && ok; i++) {
    const wasm_valtype_t *vt = i < np ? t->params.data[i] : t->results.data[i - np];
    ok = vt && wd_capi_kind_ok(vt->kind);
    if (ok)
      k[i] = wd_capi_ward_valkind(vt->kind);
  }
  ward_functype_t *out = ok ? ward_functype_new(k, np, k + np, nr) : NULL;
  if (k != small)
    wd_free(k);
  return out;
}

// ---- global, table and memory types ----------------------------------------------------------

wasm_globaltype_t *wasm_globaltype_new(wasm_valtype_t *content, wasm_mutability_t mut) {
  xtype_t *t = content ? xtype_new(WASM_EXTERN_GLOBAL) : NULL;
  if (!t) {
    wasm_valtype_delete(content);
    return NULL;
  }
  t->content = content;
  t->mut = mut;
  return (wasm_globaltype_t *)(void *)t;
}
const wasm_valtype_t *wasm_globaltype_content(const wasm_globaltype_t *t) {
  return CXT(t)->content;
}
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t *t) { return CXT(t)->mut; }

wasm_tabletype_t *wasm_tabletype_new(wasm_valtype_t *elem, const wasm_limits_t *limits) {
  xtype_t *t = elem && limits ? xtype_new(WASM_EXTERN_TABLE) : NULL;
  if (!t) {
    wasm_valtype_delete(elem);
    return NULL;
  }
  t->content = elem;
  t->limits = *limits;
  return (wasm_tabletype_t *)(void *)t;
}
const wasm_valtype_t *wasm_tabletype_element(const wasm_tabletype_t *t) { return CXT(t)->content; }
const wasm_limits_t *wasm_tabletype_limits(const wasm_tabletype_t *t) { return &CXT(t)->limits; }

wasm_memorytype_t *wasm_memorytype_new(const wasm_limits_t *limits) {
  xtype_t *t = limits ? xtype_new(WASM_EXTERN_MEMORY) : NULL;
  if (t)
    t->limits = *limits;
  return (wasm_memorytype_t *)(void *)t;
}
const wasm_limits_t *wasm_memorytype_limits(const wasm_memorytype_t *t) { return &CXT(t)->limits; }

uint32_t wd_capi_limit(uint64_t v) {
  return v > UINT32_MAX ? wasm_limits_max_default : (uint32_t)v;
}

wasm_externtype_t *wd_capi_externtype(const ward_externtype_t *wt) {
  if (wt->kind == WARD_EXTERN_FUNC || wt->kind == WARD_EXTERN_TAG) {
    wasm_functype_t *ft = functype_of_ward(wt->func);
    if (ft && wt->kind == WARD_EXTERN_TAG) // a tag: its parameters, kind of its own
      XT(ft)->kind = WARD_WASM_EXTERN_TAG;
    return (wasm_externtype_t *)(void *)ft;
  }
  xtype_t *t = xtype_new(wt->kind == WARD_EXTERN_GLOBAL  ? WASM_EXTERN_GLOBAL
                         : wt->kind == WARD_EXTERN_TABLE ? WASM_EXTERN_TABLE
                                                         : WASM_EXTERN_MEMORY);
  if (!t)
    return NULL;
  t->mut = wt->mutable_ ? WASM_VAR : WASM_CONST;
  t->limits.min = wd_capi_limit(wt->min);
  t->limits.max = wd_capi_limit(wt->max);
  if (wt->kind == WARD_EXTERN_GLOBAL || wt->kind == WARD_EXTERN_TABLE) {
    t->content = wasm_valtype_new(wd_capi_valkind(wt->content));
    if (!t->content) {
      wd_free(t);
      return NULL;
    }
  }
  return (wasm_externtype_t *)(void *)t;
}

// ---- import and export types -------------------------------------------------------------------

wasm_importtype_t *wasm_importtype_new(wasm_name_t *module, wasm_name_t *name,
                                       wasm_externtype_t *type) {
  wasm_importtype_t *t = wd_malloc(sizeof *t);
  if (!t) {
    wasm_name_delete(module);
    wasm_name_delete(name);
    wasm_externtype_delete(type);
    return NULL;
  }
  t->module = *module;
  t->name = *name;
  t->type = type;
  return t;
}

void wasm_importtype_delete(wasm_importtype_t *t) {
  if (!t)
    return;
  wasm_name_delete(&t->module);
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  wd_free(t);
}

wasm_importtype_t *wasm_importtype_copy(const wasm_importtype_t *t) {
  if (!t)
    return NULL;
  wasm_name_t module, name;
  wasm_name_copy(&module, &t->module);
  wasm_name_copy(&name, &t->name);
  wasm_externtype_t *type = wasm_externtype_copy(t->type);
  if (module.size != t->module.size || name.size != t->name.size || !type) {
    wasm_name_delete(&module);
    wasm_name_delete(&name);
    wasm_externtype_delete(type);
    return NULL;
  }
  return wasm_importtype_new(&module, &name, type);
}

const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *t) { return &t->module; }
const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *t) { return &t->name; }
const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *t) { return t->type; }

wasm_exporttype_t *wasm_exporttype_new(wasm_name_t *name, wasm_externtype_t *type) {
  wasm_exporttype_t *t = wd_malloc(sizeof *t);
  if (!t) {
    wasm_name_delete(name);
    wasm_externtype_delete(type);
    return NULL;
  }
  t->name = *name;
  t->type = type;
  return t;
}

void wasm_exporttype_delete(wasm_exporttype_t *t) {
  if (!t)
    return;
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  wd_free(t);
}

wasm_exporttype_t *wasm_exporttype_copy(const wasm_exporttype_t *t) {
  if (!t)
    return NULL;
  wasm_name_t name;
  wasm_name_copy(&name, &t->name);
  wasm_externtype_t *type = wasm_externtype_copy(t->type);
  if (name.size != t->name.size || !type) {
    wasm_name_delete(&name);
    wasm_externtype_delete(type);
    return NULL;
  }
  return wasm_exporttype_new(&name, type);
}

const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *t) { return &t->name; }
const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *t) { return t->type; }
