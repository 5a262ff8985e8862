// SPDX-License-Identifier: Apache-2.0
// wasm.h: globals, tables and memories, and the types of externs.
#include <string.h>

#include "capi/capi.h"

static wd_capi_obj_t *obj_of(const void *r) { return ((const wasm_ref_t *)r)->target; }

// A new reference of kind `kind` to ward object ptr of s (NULL: NULL).
static wasm_ref_t *new_ref(wasm_store_t *s, uint8_t kind, void *ptr) {
  wd_capi_obj_t *o = ptr ? wd_capi_record(s, kind, ptr) : NULL;
  return o ? wd_capi_ref_new(o) : NULL;
}

static uint64_t ward_max(uint32_t max) {
  return max == wasm_limits_max_default ? WARD_NO_MAX : max;
}

wasm_externtype_t *wasm_extern_type(const wasm_extern_t *e) {
  ward_extern_t ext;
  ward_externtype_t t;
  if (!wd_capi_extern_of((const wasm_ref_t *)(const void *)e, &ext) || !ward_extern_type(&ext, &t))
    return NULL;
  wasm_externtype_t *out = wd_capi_externtype(&t);
  ward_externtype_clear(&t);
  return out;
}

// ---- globals ---------------------------------------------------------------------

wasm_global_t *wasm_global_new(wasm_store_t *store, const wasm_globaltype_t *type,
                               const wasm_val_t *val) {
  if (!store || !type || !val)
    return NULL;
  wasm_valkind_t kind = wasm_valtype_kind(wasm_globaltype_content(type));
  ward_val_t init;
  if (val->kind != kind || wd_capi_to_ward(store, val, &init))
    return NULL;
  ward_global_t *g;
  ward_error_t *err =
      ward_global_new(store->s, init.kind, wasm_globaltype_mutability(type) == WASM_VAR, init, &g);
  if (err) {
    ward_error_delete(err);
    return NULL;
  }
  return (wasm_global_t *)(void *)new_ref(store, WD_REF_GLOBAL, g);
}

wasm_globaltype_t *wasm_global_type(const wasm_global_t *global) {
  return wasm_externtype_as_globaltype(wasm_extern_type(wasm_global_as_extern_const(global)));
}

void wasm_global_get(const wasm_global_t *global, wasm_val_t *out) {
  wd_capi_obj_t *o = obj_of(global);
  ward_val_t v;
  size_t mark = ward_store_roots_enter(o->store->s);
  ward_global_get(o->ptr, &v);
  if (!wd_capi_from_ward(o->store, &v, out)) // out of memory: a null reference
    out->of.ref = NULL;
  ward_store_roots_leave(o->store->s, mark);
}

void wasm_global_set(wasm_global_t *global, const wasm_val_t *val) {
  wd_capi_obj_t *o = obj_of(global);
  ward_val_t v;
  if (!wd_capi_to_ward(o->store, val, &v))
    ward_global_set(o->ptr, v);
}

// ---- tables ------------------------------------------------------------------------

wasm_table_t *wasm_table_new(wasm_store_t *store, const wasm_tabletype_t *type, wasm_ref_t *init) {
  if (!store || !type)
    return NULL;
  wasm_valkind_t elem = wasm_valtype_kind(wasm_tabletype_element(type));
  const wasm_limits_t *lim = wasm_tabletype_limits(type);
  ward_val_t v;
  if (!wasm_valkind_is_ref(elem) || !wd_capi_kind_ok(elem) ||
      wd_capi_ref_to_ward(store, init, wd_capi_ward_valkind(elem), &v))
    return NULL;
  ward_table_t *t;
  ward_error_t *err = ward_table_new(store->s, v.kind, lim->min, ward_max(lim->max), v, &t);
  if (err) {
    ward_error_delete(err);
    return NULL;
  }
  return (wasm_table_t *)(void *)new_ref(store, WD_REF_TABLE, t);
}

wasm_tabletype_t *wasm_table_type(const wasm_table_t *table) {
  return wasm_externtype_as_tabletype(wasm_extern_type(wasm_table_as_extern_const(table)));
}

wasm_ref_t *wasm_table_get(const wasm_table_t *table, wasm_table_size_t index) {
  wd_capi_obj_t *o = obj_of(table);
  ward_val_t v;
  wasm_val_t w;
  size_t mark = ward_store_roots_enter(o->store->s);
  bool ok = ward_table_get(o->ptr, index, &v) && wd_capi_from_ward(o->store, &v, &w) &&
            wasm_valkind_is_ref(w.kind);
  ward_store_roots_leave(o->store->s, mark);
  return ok ? w.of.ref : NULL;
}

// The table's element as a ward value of reference r; false if r cannot
// be one.
static bool elem_of(wd_capi_obj_t *o, const wasm_ref_t *r, ward_val_t *out) {
  ward_extern_t ext = {.kind = WARD_EXTERN_TABLE, .of.table = o->ptr};
  ward_externtype_t t;
  if (!ward_extern_type(&ext, &t))
    return false;
  return !wd_capi_ref_to_ward(o->store, r, t.content, out);
}

bool wasm_table_set(wasm_table_t *table, wasm_table_size_t index, wasm_ref_t *ref) {
  wd_capi_obj_t *o = obj_of(table);
  ward_val_t v;
  return elem_of(o, ref, &v) && ward_table_set(o->ptr, index, v);
}

wasm_table_size_t wasm_table_size(const wasm_table_t *table) {
  uint64_t n = ward_table_size(obj_of(table)->ptr);
  return n > UINT32_MAX ? UINT32_MAX : (wasm_table_size_t)n;
}

bool wasm_table_grow(wasm_table_t *table, wasm_table_size_t delta, wasm_ref_t *init) {
  wd_capi_obj_t *o = obj_of(table);
  ward_val_t v;
  return elem_of(o, init, &v) && ward_table_grow(o->ptr, delta, v, NULL);
}

// ---- memories --------------------------------------------------------------------------

wasm_memory_t *wasm_memory_new(wasm_store_t *store, const wasm_memorytype_t *type) {
  if (!store || !type)
    return NULL;
  const wasm_limits_t *lim = wasm_memorytype_limits(type);
  ward_memory_t *m;
  ward_error_t *err = ward_memory_new(store->s, lim->min, ward_max(lim->max), &m);
  if (err) {
    ward_error_delete(err);
    return NULL;
  }
  return (wasm_memory_t *)(void *)new_ref(store, WD_REF_MEMORY, m);
}

wasm_memorytype_t *wasm_memory_type(const wasm_memory_t *memory) {
  return wasm_externtype_as_memorytype(wasm_extern_type(wasm_memory_as_extern_const(memory)));
}

byte_t *wasm_memory_data(wasm_memory_t *memory) {
  return (byte_t *)ward_memory_data(obj_of(memory)->ptr);
}
size_t wasm_memory_data_size(const wasm_memory_t *memory) {
  return ward_memory_size(obj_of(memory)->ptr);
}
wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *memory) {
  uint64_t n = ward_memory_pages(obj_of(memory)->ptr);
  return n > UINT32_MAX ? UINT32_MAX : (wasm_memory_pages_t)n;
}
bool wasm_memory_grow(wasm_memory_t *memory, wasm_memory_pages_t delta) {
  return ward_memory_grow(obj_of(memory)->ptr, delta, NULL);
}
