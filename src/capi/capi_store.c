// SPDX-License-Identifier: Apache-2.0
// wasm.h: configs, engines, stores, the records of a store's objects, and
// what every reference has (copy, same, host info, the casts).
#include <string.h>

#include "capi/capi.h"
#include "util/alloc.h"

// ---- pointer map --------------------------------------------------------------

static size_t slot_of(const void *key, size_t cap) {
  uint64_t h = (uint64_t)(uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h >> 32) & (cap - 1);
}

void *wd_capi_map_get(const wd_capi_map_t *m, const void *key) {
  if (!m->cap || !key)
    return NULL;
  for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
    if (m->keys[i] == key)
      return m->vals[i];
    if (!m->keys[i])
      return NULL;
  }
}

bool wd_capi_map_put(wd_capi_map_t *m, void *key, void *val) {
  if ((m->n + 1) * 4 > m->cap * 3) { // keep it at most 3/4 full
    size_t ncap = m->cap ? m->cap * 2 : 64;
    void **keys = wd_calloc(ncap, sizeof *keys), **vals = wd_calloc(ncap, sizeof *vals);
    if (!keys || !vals) {
      wd_free(keys);
      wd_free(vals);
      return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
      if (!m->keys[i])
        continue;
      size_t j = slot_of(m->keys[i], ncap);
      while (keys[j])
        j = (j + 1) & (ncap - 1);
      keys[j] = m->keys[i];
      vals[j] = m->vals[i];
    }
    wd_free(m->keys);
    wd_free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
  }
  size_t i = slot_of(key, m->cap);
  while (m->keys[i] && m->keys[i] != key)
    i = (i + 1) & (m->cap - 1);
  if (!m->keys[i])
    m->n++;
  m->keys[i] = key;
  m->vals[i] = val;
  return true;
}

static void map_free(wd_capi_map_t *m) {
  wd_free(m->keys);
  wd_free(m->vals);
  memset(m, 0, sizeof *m);
}

// ---- configs and engines ----------------------------------------------------------

wasm_config_t *wasm_config_new(void) {
  wasm_config_t *c = wd_calloc(1, sizeof *c);
  if (c)
    ward_config_init(&c->cfg);
  return c;
}

void wasm_config_delete(wasm_config_t *config) { wd_free(config); }

ward_config_t *ward_wasm_config(wasm_config_t *config) { return config ? &config->cfg : NULL; }

wasm_engine_t *wasm_engine_new_with_config(wasm_config_t *config) {
  wasm_engine_t *e = wd_calloc(1, sizeof *e);
  if (e) {
    e->e = ward_engine_new(config ? &config->cfg : NULL);
    if (!e->e) {
      wd_free(e);
      e = NULL;
    }
  }
  wasm_config_delete(config);
  return e;
}

wasm_engine_t *wasm_engine_new(void) { return wasm_engine_new_with_config(NULL); }

void wasm_engine_delete(wasm_engine_t *engine) {
  if (!engine)
    return;
  ward_engine_delete(engine->e);
  wd_free(engine);
}

ward_engine_t *ward_wasm_engine(wasm_engine_t *engine) { return engine ? engine->e : NULL; }

// ---- stores -----------------------------------------------------------------------

wasm_store_t *wasm_store_new(wasm_engine_t *engine) {
  if (!engine)
    return NULL;
  wasm_store_t *s = wd_calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->engine = engine;
  s->s = ward_store_new(engine->e);
  if (!s->s) {
    wd_free(s);
    return NULL;
  }
  return s;
}

ward_store_t *ward_wasm_store(wasm_store_t *store) { return store ? store->s : NULL; }

bool wd_capi_store_hold(wasm_store_t *s, wd_capi_module_t *b) {
  for (size_t i = 0; i < s->nmodules; i++)
    if (s->modules[i] == b)
      return true;
  if (wd_grow((void **)&s->modules, &s->capmodules, s->nmodules + 1, sizeof *s->modules))
    return false;
  atomic_fetch_add(&b->refs, 1);
  s->modules[s->nmodules++] = b;
  return true;
}

// Deleting a store: WASI first (it closes the guest's descriptors), the
// traps' hold on the store's heap, then the ward store (its objects, the
// finalizers of host functions' environments), then the host info of the
// records (each finalizer once, in the order the records were made), and
// last the modules its instances used.
void wasm_store_delete(wasm_store_t *s) {
  if (!s)
    return;
  wd_capi_wasi_free(s);
  wd_capi_traps_detach(s);
  ward_store_delete(s->s);
  for (size_t i = 0; i < s->nobjs; i++) {
    wd_capi_obj_t *o = s->objs[i];
    if (o->info.fin)
      o->info.fin(o->info.info);
    if (o->kind == WD_REF_MODULE)
      wd_capi_module_release(o->ptr);
    else if (o->kind == WD_REF_TRAP)
      wd_capi_trap_release(o->ptr);
    wd_free(o->self);
    wd_free(o);
  }
  wd_free(s->objs);
  for (size_t i = 0; i < s->nmodules; i++)
    wd_capi_module_release(s->modules[i]);
  wd_free(s->modules);
  map_free(&s->by_ptr);
  map_free(&s->by_ext);
  wd_free(s);
}

// ---- records ------------------------------------------------------------------------

// Adds a new record (kind, ptr) to s, found by ptr (if not NULL) and by its
// externref value ext (NULL: the record's own address). NULL if out of
// memory.
static wd_capi_obj_t *record_add(wasm_store_t *s, uint8_t kind, void *ptr, void *ext) {
  wd_capi_obj_t *o = wd_calloc(1, sizeof *o);
  if (!o)
    return NULL;
  o->kind = kind;
  o->store = s;
  o->ptr = ptr;
  o->ext = ext ? ext : o;
  if (wd_grow((void **)&s->objs, &s->capobjs, s->nobjs + 1, sizeof *s->objs)) {
    wd_free(o);
    return NULL;
  }
  s->objs[s->nobjs++] = o; // the store frees it from here on
  // A module's or trap's record holds a reference to its body until then.
  if (kind == WD_REF_MODULE)
    atomic_fetch_add(&((wd_capi_module_t *)ptr)->refs, 1);
  else if (kind == WD_REF_TRAP)
    ((wd_capi_trap_t *)ptr)->refs++;
  if ((ptr && !wd_capi_map_put(&s->by_ptr, ptr, o)) || !wd_capi_map_put(&s->by_ext, o->ext, o))
    return NULL;
  return o;
}

wd_capi_obj_t *wd_capi_record(wasm_store_t *s, uint8_t kind, void *ptr) {
  wd_capi_obj_t *o = wd_capi_map_get(&s->by_ptr, ptr);
  return o ? o : record_add(s, kind, ptr, NULL);
}

wasm_ref_t *wd_capi_ref_of(uint8_t kind, void *target) {
  wasm_ref_t *r = wd_malloc(sizeof *r);
  if (!r)
    return NULL;
  r->kind = kind;
  r->target = target;
  if (kind == WD_REF_MODULE)
    atomic_fetch_add(&((wd_capi_module_t *)target)->refs, 1);
  else if (kind == WD_REF_TRAP)
    ((wd_capi_trap_t *)target)->refs++;
  return r;
}

wasm_ref_t *wd_capi_ref_new(wd_capi_obj_t *o) {
  if (o->kind == WD_REF_MODULE || o->kind == WD_REF_TRAP)
    return wd_capi_ref_of(o->kind, o->ptr);
  return wd_capi_ref_of(o->kind, o);
}

wd_capi_obj_t *wd_capi_obj_of(const wasm_ref_t *r) {
  return r && r->kind != WD_REF_MODULE && r->kind != WD_REF_TRAP ? r->target : NULL;
}

uint8_t wd_capi_ref_kind(ward_externkind_t k) {
  switch (k) {
  case WARD_EXTERN_FUNC: return WD_REF_FUNC;
  case WARD_EXTERN_TABLE: return WD_REF_TABLE;
  case WARD_EXTERN_MEMORY: return WD_REF_MEMORY;
  case WARD_EXTERN_GLOBAL: return WD_REF_GLOBAL;
  default: return WD_REF_TAG;
  }
}

ward_externkind_t wd_capi_ward_kind(uint8_t ref_kind) {
  switch (ref_kind) {
  case WD_REF_FUNC: return WARD_EXTERN_FUNC;
  case WD_REF_TABLE: return WARD_EXTERN_TABLE;
  case WD_REF_MEMORY: return WARD_EXTERN_MEMORY;
  case WD_REF_GLOBAL: return WARD_EXTERN_GLOBAL;
  default: return WARD_EXTERN_TAG;
  }
}

bool wd_capi_extern_of(const wasm_ref_t *r, ward_extern_t *out) {
  if (!r || !wd_capi_is_extern_kind(r->kind))
    return false;
  const wd_capi_obj_t *o = r->target;
  out->kind = wd_capi_ward_kind(r->kind);
  switch (out->kind) {
  case WARD_EXTERN_FUNC: out->of.func = o->ptr; break;
  case WARD_EXTERN_TABLE: out->of.table = o->ptr; break;
  case WARD_EXTERN_MEMORY: out->of.memory = o->ptr; break;
  case WARD_EXTERN_GLOBAL: out->of.global = o->ptr; break;
  case WARD_EXTERN_TAG: out->of.tag = o->ptr; break;
  }
  return true;
}

wasm_ref_t *wd_capi_extern_ref(wasm_store_t *s, const ward_extern_t *ext) {
  void *ptr = NULL;
  switch (ext->kind) {
  case WARD_EXTERN_FUNC: ptr = ext->of.func; break;
  case WARD_EXTERN_TABLE: ptr = ext->of.table; break;
  case WARD_EXTERN_MEMORY: ptr = ext->of.memory; break;
  case WARD_EXTERN_GLOBAL: ptr = ext->of.global; break;
  case WARD_EXTERN_TAG: ptr = ext->of.tag; break;
  }
  wd_capi_obj_t *o = wd_capi_record(s, wd_capi_ref_kind(ext->kind), ptr);
  return o ? wd_capi_ref_new(o) : NULL;
}

bool ward_wasm_extern(const wasm_extern_t *ext, ward_extern_t *out) {
  return wd_capi_extern_of((const wasm_ref_t *)(const void *)ext, out);
}

// ---- foreign objects ---------------------------------------------------------------------

wasm_foreign_t *wasm_foreign_new(wasm_store_t *store) {
  wd_capi_obj_t *o = store ? record_add(store, WD_REF_FOREIGN, NULL, NULL) : NULL;
  return o ? (wasm_foreign_t *)(void *)wd_capi_ref_new(o) : NULL;
}

// ---- what every reference has -------------------------------------------------------------

static wd_capi_info_t *info_of(const wasm_ref_t *r) {
  switch (r->kind) {
  case WD_REF_MODULE: return &((wd_capi_module_t *)r->target)->info;
  case WD_REF_TRAP: return &((wd_capi_trap_t *)r->target)->info;
  default: return &((wd_capi_obj_t *)r->target)->info;
  }
}

static void ref_delete(wasm_ref_t *r) {
  if (!r)
    return;
  if (r->kind == WD_REF_MODULE)
    wd_capi_module_release(r->target);
  else if (r->kind == WD_REF_TRAP) {
    if (!r->target) // the static out-of-memory trap (capi_trap.c)
      return;
    wd_capi_trap_release(r->target);
  }
  wd_free(r);
}

static wasm_ref_t *ref_copy(const wasm_ref_t *r) {
  if (!r)
    return NULL;
  if (r->kind == WD_REF_TRAP && !r->target)
    return (wasm_ref_t *)(uintptr_t)r; // the static out-of-memory trap
  return wd_capi_ref_of(r->kind, r->target);
}

static bool ref_same(const wasm_ref_t *a, const wasm_ref_t *b) {
  return a == b || (a && b && a->target == b->target);
}

static void *ref_get_host_info(const wasm_ref_t *r) {
  return r && r->target ? info_of(r)->info : NULL;
}

// Host info replaces what the object had; the old finalizer is called
// when the info pointer changes.
static void ref_set_host_info(wasm_ref_t *r, void *info, void (*fin)(void *)) {
  if (!r || !r->target)
    return;
  wd_capi_info_t *hi = info_of(r);
  wd_capi_info_t old = *hi;
  hi->info = info;
  hi->fin = fin;
  if (old.fin && old.info != info)
    old.fin(old.info);
}

// The functions of WASM_DECLARE_REF_BASE (wasm.h) for wasm_NAME_t, over
// the helpers above.
#define WD_CAPI_REF_BASE(name)                                                                     \
  void wasm_##name##_delete(wasm_##name##_t *r) { ref_delete((wasm_ref_t *)(void *)r); }           \
  wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *r) {                                  \
    return (wasm_##name##_t *)(void *)ref_copy((const wasm_ref_t *)(const void *)r);               \
  }                                                                                                \
  bool wasm_##name##_same(const wasm_##name##_t *a, const wasm_##name##_t *b) {                    \
    return ref_same((const wasm_ref_t *)(const void *)a, (const wasm_ref_t *)(const void *)b);     \
  }                                                                                                \
  void *wasm_##name##_get_host_info(const wasm_##name##_t *r) {                                    \
    return ref_get_host_info((const wasm_ref_t *)(const void *)r);                                 \
  }                                                                                                \
  void wasm_##name##_set_host_info(wasm_##name##_t *r, void *info) {                               \
    ref_set_host_info((wasm_ref_t *)(void *)r, info, NULL);                                        \
  }                                                                                                \
  void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t *r, void *info,                  \
                                                  void (*fin)(void *)) {                           \
    ref_set_host_info((wasm_ref_t *)(void *)r, info, fin);                                         \
  }

// The casts of WASM_DECLARE_REF to and from wasm_ref_t; `is` tells whether
// a reference's kind is wasm_NAME_t's.
#define WD_CAPI_REF_CASTS(name, is)                                                                \
  wasm_ref_t *wasm_##name##_as_ref(wasm_##name##_t *r) { return (wasm_ref_t *)(void *)r; }         \
  const wasm_ref_t *wasm_##name##_as_ref_const(const wasm_##name##_t *r) {                         \
    return (const wasm_ref_t *)(const void *)r;                                                    \
  }                                                                                                \
  wasm_##name##_t *wasm_ref_as_##name(wasm_ref_t *r) {                                             \
    return r && is(r->kind) ? (wasm_##name##_t *)(void *)r : NULL;                                 \
  }                                                                                                \
  const wasm_##name##_t *wasm_ref_as_##name##_const(const wasm_ref_t *r) {                         \
    return r && is(r->kind) ? (const wasm_##name##_t *)(const void *)r : NULL;                     \
  }

static bool is_func(uint8_t k) { return k == WD_REF_FUNC; }
static bool is_global(uint8_t k) { return k == WD_REF_GLOBAL; }
static bool is_table(uint8_t k) { return k == WD_REF_TABLE; }
static bool is_memory(uint8_t k) { return k == WD_REF_MEMORY; }
static bool is_instance(uint8_t k) { return k == WD_REF_INSTANCE; }
static bool is_foreign(uint8_t k) { return k == WD_REF_FOREIGN; }
static bool is_module(uint8_t k) { return k == WD_REF_MODULE; }
static bool is_trap(uint8_t k) { return k == WD_REF_TRAP; }

WD_CAPI_REF_BASE(ref)
WD_CAPI_REF_BASE(func)
WD_CAPI_REF_BASE(global)
WD_CAPI_REF_BASE(table)
WD_CAPI_REF_BASE(memory)
WD_CAPI_REF_BASE(extern)
WD_CAPI_REF_BASE(instance)
WD_CAPI_REF_BASE(foreign)
WD_CAPI_REF_BASE(module)
WD_CAPI_REF_BASE(trap)

WD_CAPI_REF_CASTS(func, is_func)
WD_CAPI_REF_CASTS(global, is_global)
WD_CAPI_REF_CASTS(table, is_table)
WD_CAPI_REF_CASTS(memory, is_memory)
WD_CAPI_REF_CASTS(extern, wd_capi_is_extern_kind)
WD_CAPI_REF_CASTS(instance, is_instance)
WD_CAPI_REF_CASTS(foreign, is_foreign)
WD_CAPI_REF_CASTS(module, is_module)
WD_CAPI_REF_CASTS(trap, is_trap)

// The casts between externs and the four kinds of wasm.h.
#define WD_CAPI_EXTERN_CASTS(name)                                                                 \
  wasm_extern_t *wasm_##name##_as_extern(wasm_##name##_t *r) {                                     \
    return (wasm_extern_t *)(void *)r;                                                             \
  }                                                                                                \
  const wasm_extern_t *wasm_##name##_as_extern_const(const wasm_##name##_t *r) {                   \
    return (const wasm_extern_t *)(const void *)r;                                                 \
  }                                                                                                \
  wasm_##name##_t *wasm_extern_as_##name(wasm_extern_t *e) {                                       \
    return wasm_ref_as_##name((wasm_ref_t *)(void *)e);                                            \
  }                                                                                                \
  const wasm_##name##_t *wasm_extern_as_##name##_const(const wasm_extern_t *e) {                   \
    return wasm_ref_as_##name##_const((const wasm_ref_t *)(const void *)e);                        \
  }

WD_CAPI_EXTERN_CASTS(func)
WD_CAPI_EXTERN_CASTS(global)
WD_CAPI_EXTERN_CASTS(table)
WD_CAPI_EXTERN_CASTS(memory)

wasm_externkind_t wasm_extern_kind(const wasm_extern_t *e) {
  return ((const wasm_ref_t *)(const void *)e)->kind;
}
