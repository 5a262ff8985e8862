// SPDX-License-Identifier: Apache-2.0
// The public API of memories, tables and globals.
#include <string.h>

#include "runtime/rt.h"
#include "util/alloc.h"

static ward_error_t *memory_new(ward_store_t *store, uint64_t min_pages, uint64_t max_pages,
                                bool is64, ward_memory_t **out) {
  wd_memtype_t mt = {{min_pages, max_pages, max_pages != WARD_NO_MAX, is64}};
  uint64_t range = is64 ? (uint64_t)1 << 48 : 65536;
  *out = NULL;
  if (min_pages > range || (mt.lim.has_max && (max_pages > range || max_pages < min_pages)))
    return wd_error_new(WD_ERR_ARGUMENT, "invalid memory limits");
  const char *why = NULL;
  *out = wd_memory_new(store, &mt, &why);
  return *out ? NULL : wd_error_new(WD_ERR_RESOURCE, "%s", why);
}

ward_error_t *ward_memory_new(ward_store_t *store, uint64_t min_pages, uint64_t max_pages,
                              ward_memory_t **out) {
  return memory_new(store, min_pages, max_pages, false, out);
}

ward_error_t *ward_memory_new64(ward_store_t *store, uint64_t min_pages, uint64_t max_pages,
                                ward_memory_t **out) {
  return memory_new(store, min_pages, max_pages, true, out);
}

bool ward_memory_is64(const ward_memory_t *mem) { return mem->type.lim.is64; }

uint8_t *ward_memory_data(const ward_memory_t *mem) { return mem->data; }
size_t ward_memory_size(const ward_memory_t *mem) { return (size_t)mem->size; }
uint64_t ward_memory_pages(const ward_memory_t *mem) { return mem->pages; }

bool ward_memory_grow(ward_memory_t *mem, uint64_t delta, uint64_t *old_pages) {
  int64_t r = wd_memory_grow(mem, delta);
  if (r < 0)
    return false;
  if (old_pages)
    *old_pages = (uint64_t)r;
  return true;
}

// The table entry for value v: false if it is of the wrong kind, not one
// of the store's, or out of memory (boxing a host pointer).
static bool ref_of(ward_store_t *s, const ward_table_t *t, ward_val_t v, void **out) {
  wd_cell_t c;
  if (v.kind != wd_vt_kind(t->tm, t->type.elem) || !wd_val_to_cell(s, &v, &c))
    return false;
  *out = c.ref;
  return true;
}

static ward_error_t *table_new(ward_store_t *store, ward_valkind_t elem, uint64_t min, uint64_t max,
                               bool is64, ward_val_t init, ward_table_t **out) {
  *out = NULL;
  if (elem != WARD_FUNCREF && elem != WARD_EXTERNREF && elem != WARD_ANYREF)
    return wd_error_new(WD_ERR_ARGUMENT, "a table holds funcref, externref or anyref");
  wd_tabletype_t tt = {wd_kind_vt(elem), {min, max, max != WARD_NO_MAX, is64}, false, {0, 0}};
  if (tt.lim.has_max && max < min)
    return wd_error_new(WD_ERR_ARGUMENT, "invalid table limits");
  void *ref;
  ward_table_t probe = {.type = tt};
  if (!ref_of(store, &probe, init, &ref))
    return wd_error_new(WD_ERR_ARGUMENT, "initial value of the wrong type");
  const char *why = NULL;
  *out = wd_table_new(store, &tt, ref, &why);
  return *out ? NULL : wd_error_new(WD_ERR_RESOURCE, "%s", why);
}

ward_error_t *ward_table_new(ward_store_t *store, ward_valkind_t elem, uint64_t min, uint64_t max,
                             ward_val_t init, ward_table_t **out) {
  return table_new(store, elem, min, max, false, init, out);
}

ward_error_t *ward_table_new64(ward_store_t *store, ward_valkind_t elem, uint64_t min, uint64_t max,
                               ward_val_t init, ward_table_t **out) {
  return table_new(store, elem, min, max, true, init, out);
}

bool ward_table_is64(const ward_table_t *t) { return t->type.lim.is64; }

uint64_t ward_table_size(const ward_table_t *t) { return t->size; }

bool ward_table_get(const ward_table_t *t, uint64_t i, ward_val_t *out) {
  if (i >= t->size)
    return false;
  wd_cell_t c = {.ref = t->elems[i]};
  return wd_cell_to_val(t->store, &c, wd_vt_kind(t->tm, t->type.elem), out);
}

bool ward_table_set(ward_table_t *t, uint64_t i, ward_val_t v) {
  void *ref;
  if (i >= t->size || !ref_of(t->store, t, v, &ref))
    return false;
  t->elems[i] = ref;
  return true;
}

bool ward_table_grow(ward_table_t *t, uint64_t delta, ward_val_t init, uint64_t *old) {
  void *ref;
  if (!ref_of(t->store, t, init, &ref))
    return false;
  int64_t r = wd_table_grow(t, delta, ref);
  if (r < 0)
    return false;
  if (old)
    *old = (uint64_t)r;
  return true;
}

ward_error_t *ward_global_new(ward_store_t *store, ward_valkind_t kind, bool mutable_,
                              ward_val_t init, ward_global_t **out) {
  *out = NULL;
  if (init.kind != kind)
    return wd_error_new(WD_ERR_ARGUMENT, "initial value of the wrong type");
  wd_globaltype_t gt = {wd_kind_vt(kind), mutable_};
  wd_cell_t c[2] = {{0}, {0}};
  if (!wd_val_to_cell(store, &init, c))
    return wd_error_new(WD_ERR_ARGUMENT, "initial value not a reference of this store");
  if (!mutable_ && wd_valtype_is_ref(gt.type) && c[0].ref != NULL)
    gt.type = WD_VT_REF(false, wd_vt_heap(gt.type));
  ward_global_t *g = wd_global_new(store, &gt);
  if (!g)
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  memcpy(g->val, c, sizeof c);
  *out = g;
  return NULL;
}

void ward_global_get(const ward_global_t *g, ward_val_t *out) {
  wd_cell_to_val(g->store, g->val, wd_vt_kind(g->tm, g->type.type), out);
}

bool ward_global_set(ward_global_t *g, ward_val_t v) {
  if (!g->type.mut || v.kind != wd_vt_kind(g->tm, g->type.type))
    return false;
  return wd_val_to_cell(g->store, &v, g->val);
}

ward_valkind_t ward_global_kind(const ward_global_t *g) { return wd_vt_kind(g->tm, g->type.type); }
bool ward_global_mutable(const ward_global_t *g) { return g->type.mut; }
