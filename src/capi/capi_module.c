// SPDX-License-Identifier: Apache-2.0
// wasm.h: modules (shared between stores and threads) and instances.
#include <string.h>

#include "capi/capi.h"
#include "runtime/rt.h" // wd_error_new
#include "util/alloc.h"

// ---- module bodies ---------------------------------------------------------------

static wasm_module_t *module_ref(wd_capi_module_t *b) {
  return (wasm_module_t *)(void *)wd_capi_ref_of(WD_REF_MODULE, b);
}

static wd_capi_module_t *body_of(const wasm_module_t *module) {
  return ((const wasm_ref_t *)(const void *)module)->target;
}

void wd_capi_module_release(wd_capi_module_t *b) {
  if (atomic_fetch_sub(&b->refs, 1) != 1)
    return;
  if (b->info.fin)
    b->info.fin(b->info.info);
  ward_module_delete(b->m);
  wd_free(b);
}

// A new reference to a new body holding m (taken). NULL if out of memory.
static wasm_module_t *module_wrap(wasm_engine_t *engine, ward_module_t *m) {
  wd_capi_module_t *b = wd_calloc(1, sizeof *b);
  if (!b) {
    ward_module_delete(m);
    return NULL;
  }
  atomic_init(&b->refs, 0);
  b->m = m;
  b->engine = engine;
  wasm_module_t *r = module_ref(b);
  if (!r) {
    ward_module_delete(m);
    wd_free(b);
  }
  return r;
}

// The outcome of ward_module_new or ward_module_deserialize (err, or m)
// as a new reference in *out, or an error.
static ward_error_t *module_out(wasm_store_t *store, ward_error_t *err, ward_module_t *m,
                                wasm_module_t **out) {
  if (err)
    return err;
  *out = module_wrap(store->engine, m);
  return *out ? NULL : wd_error_new(WD_ERR_RESOURCE, WD_CAPI_OOM);
}

ward_error_t *ward_wasm_module_new(wasm_store_t *store, const wasm_byte_vec_t *binary,
                                   wasm_module_t **out) {
  ward_module_t *m = NULL;
  *out = NULL;
  ward_error_t *err =
      ward_module_new(store->engine->e, (const uint8_t *)binary->data, binary->size, &m);
  return module_out(store, err, m, out);
}

wasm_module_t *wasm_module_new(wasm_store_t *store, const wasm_byte_vec_t *binary) {
  wasm_module_t *out = NULL;
  if (store && binary)
    ward_error_delete(ward_wasm_module_new(store, binary, &out));
  return out;
}

bool wasm_module_validate(wasm_store_t *store, const wasm_byte_vec_t *binary) {
  if (!store || !binary)
    return false;
  ward_module_t *m;
  ward_error_t *err =
      ward_module_new(store->engine->e, (const uint8_t *)binary->data, binary->size, &m);
  if (err) {
    ward_error_delete(err);
    return false;
  }
  ward_module_delete(m);
  return true;
}

const ward_module_t *ward_wasm_module(const wasm_module_t *module) {
  return module ? body_of(module)->m : NULL;
}

// ---- reflection ---------------------------------------------------------------------

static bool name_of(wasm_name_t *out, const char *s, size_t len) {
  wasm_name_new(out, len, s);
  return out->size == len;
}

void wasm_module_imports(const wasm_module_t *module, wasm_importtype_vec_t *out) {
  const ward_module_t *m = body_of(module)->m;
  size_t n = ward_module_import_count(m);
  wasm_importtype_vec_new_uninitialized(out, n);
  for (size_t i = 0; i < out->size; i++) {
    ward_importdesc_t d;
    ward_externtype_t t;
    wasm_name_t mod, name;
    ward_module_import(m, i, &d);
    if (!ward_module_import_type(m, i, &t))
      goto fail;
    wasm_externtype_t *et = wd_capi_externtype(&t);
    ward_externtype_clear(&t);
    bool ok = name_of(&mod, d.module, d.module_len);
    ok = name_of(&name, d.name, d.name_len) && ok;
    if (!et || !ok) {
      wasm_externtype_delete(et);
      wasm_name_delete(&mod);
      wasm_name_delete(&name);
      goto fail;
    }
    if (!(out->data[i] = wasm_importtype_new(&mod, &name, et)))
      goto fail;
  }
  return;
fail: // out of memory: an empty vector
  wasm_importtype_vec_delete(out);
}

void wasm_module_exports(const wasm_module_t *module, wasm_exporttype_vec_t *out) {
  const ward_module_t *m = body_of(module)->m;
  size_t n = ward_module_export_count(m);
  wasm_exporttype_vec_new_uninitialized(out, n);
  for (size_t i = 0; i < out->size; i++) {
    ward_exportdesc_t d;
    ward_externtype_t t;
    wasm_name_t name;
    ward_module_export(m, i, &d);
    if (!ward_module_export_type(m, i, &t))
      goto fail;
    wasm_externtype_t *et = wd_capi_externtype(&t);
    ward_externtype_clear(&t);
    if (!et || !name_of(&name, d.name, d.name_len)) {
      wasm_externtype_delete(et);
      goto fail;
    }
    if (!(out->data[i] = wasm_exporttype_new(&name, et)))
      goto fail;
  }
  return;
fail:
  wasm_exporttype_vec_delete(out);
}

// ---- sharing between threads ----------------------------------------------------------

wasm_shared_module_t *wasm_module_share(const wasm_module_t *module) {
  wasm_shared_module_t *sh = module ? wd_malloc(sizeof *sh) : NULL;
  if (!sh)
    return NULL;
  sh->body = body_of(module);
  atomic_fetch_add(&sh->body->refs, 1);
  return sh;
}

void wasm_shared_module_delete(wasm_shared_module_t *shared) {
  if (!shared)
    return;
  wd_capi_module_release(shared->body);
  wd_free(shared);
}

wasm_module_t *wasm_module_obtain(wasm_store_t *store, const wasm_shared_module_t *shared) {
  if (!store || !shared || store->engine != shared->body->engine)
    return NULL;
  return module_ref(shared->body);
}

// ---- serialization ---------------------------------------------------------------------
// ward's module blobs (ward_module_serialize): the module's binary and its
// translated code, for the same build of ward.

void wasm_module_serialize(const wasm_module_t *module, wasm_byte_vec_t *out) {
  uint8_t *blob = NULL;
  size_t size = 0;
  wasm_byte_vec_new_empty(out);
  ward_error_t *err = ward_module_serialize(body_of(module)->m, &blob, &size);
  if (err) { // out of memory: an empty vector
    ward_error_delete(err);
    return;
  }
  wasm_byte_vec_new(out, size, (const wasm_byte_t *)blob);
  ward_module_serialized_free(blob);
}

ward_error_t *ward_wasm_module_deserialize(wasm_store_t *store, const wasm_byte_vec_t *bytes,
                                           wasm_module_t **out) {
  ward_module_t *m = NULL;
  *out = NULL;
  ward_error_t *err =
      ward_module_deserialize(store->engine->e, (const uint8_t *)bytes->data, bytes->size, &m);
  return module_out(store, err, m, out);
}

wasm_module_t *wasm_module_deserialize(wasm_store_t *store, const wasm_byte_vec_t *bytes) {
  wasm_module_t *out = NULL;
  if (store && bytes)
    ward_error_delete(ward_wasm_module_deserialize(store, bytes, &out));
  return out;
}

// ---- instances ----------------------------------------------------------------------------

static void link_trap(wasm_store_t *s, wasm_trap_t **trap, const char *msg) {
  if (trap)
    *trap = wd_capi_trap_msg(s, msg);
}

wasm_instance_t *wasm_instance_new(wasm_store_t *store, const wasm_module_t *module,
                                   const wasm_extern_vec_t *imports, wasm_trap_t **trap) {
  if (trap)
    *trap = NULL;
  if (!store || !module)
    return NULL;
  wd_capi_module_t *b = body_of(module);
  if (b->engine != store->engine) {
    link_trap(store, trap, "wasm_instance_new: a module of another engine");
    return NULL;
  }
  size_t n = imports ? imports->size : 0;
  ward_extern_t small[16];
  ward_extern_t *ext = n <= 16 ? small : wd_calloc(n, sizeof *ext);
  if (!ext) {
    link_trap(store, trap, WD_CAPI_OOM);
    return NULL;
  }
  const char *why = NULL;
  for (size_t i = 0; i < n && !why; i++) {
    const wasm_ref_t *r = (const wasm_ref_t *)(const void *)imports->data[i];
    if (!wd_capi_extern_of(r, &ext[i]))
      why = "wasm_instance_new: an import is NULL or not an extern";
    else if (((const wd_capi_obj_t *)r->target)->store != store)
      why = "wasm_instance_new: an import of another store";
  }
  // The store's instances use the module until the store is deleted, even
  // one that failed part way through.
  if (!why && !wd_capi_store_hold(store, b))
    why = WD_CAPI_OOM;
  ward_instance_t *inst = NULL;
  ward_trap_t *wt = NULL;
  ward_error_t *err = why ? NULL : ward_instance_new(store->s, b->m, ext, n, &inst, &wt);
  if (ext != small)
    wd_free(ext);
  if (why || err) {
    link_trap(store, trap, why ? why : ward_error_message(err));
    ward_error_delete(err);
    return NULL;
  }
  if (wt) {
    if (trap)
      *trap = wd_capi_trap_new(store, wt);
    else
      ward_trap_delete(wt);
    return NULL;
  }
  wd_capi_obj_t *o = wd_capi_record(store, WD_REF_INSTANCE, inst);
  return o ? (wasm_instance_t *)(void *)wd_capi_ref_new(o) : NULL;
}

void wasm_instance_exports(const wasm_instance_t *instance, wasm_extern_vec_t *out) {
  const wd_capi_obj_t *o = ((const wasm_ref_t *)(const void *)instance)->target;
  const ward_instance_t *inst = o->ptr;
  size_t n = ward_instance_export_count(inst);
  wasm_extern_vec_new_uninitialized(out, n);
  for (size_t i = 0; i < out->size; i++) {
    const char *name;
    size_t len;
    ward_extern_t ext;
    ward_instance_export_nth(inst, i, &name, &len, &ext);
    out->data[i] = (wasm_extern_t *)(void *)wd_capi_extern_ref(o->store, &ext);
    if (!out->data[i]) { // out of memory: an empty vector
      wasm_extern_vec_delete(out);
      return;
    }
  }
}

ward_instance_t *ward_wasm_instance(const wasm_instance_t *instance) {
  return instance
             ? ((const wd_capi_obj_t *)((const wasm_ref_t *)(const void *)instance)->target)->ptr
             : NULL;
}
