// SPDX-License-Identifier: Apache-2.0
// WASI for wasm.h stores (ward/wasm_ext.h): ward's WASI, its functions
// defined in a linker of its own, from which a module's imports are drawn.
#include <string.h>

#include "capi/capi.h"
#include "runtime/rt.h" // wd_error_new
#include "util/alloc.h"

struct ward_wasi_wasm {
  ward_wasi_t *w;
  ward_linker_t *l; // WASI's functions, and the imports withheld
  wasm_store_t *store;
  ward_wasi_wasm_t *next; // the store's list
};

void wd_capi_wasi_free(wasm_store_t *s) {
  for (ward_wasi_wasm_t *w = s->wasi, *next; w; w = next) {
    next = w->next;
    ward_wasi_delete(w->w);
    ward_linker_delete(w->l);
    wd_free(w);
  }
  s->wasi = NULL;
}

ward_error_t *ward_wasi_wasm_new(wasm_store_t *store, const ward_wasi_config_t *cfg,
                                 ward_wasi_wasm_t **out) {
  *out = NULL;
  ward_wasi_wasm_t *w = wd_calloc(1, sizeof *w);
  ward_linker_t *l = w ? ward_linker_new(store->engine->e) : NULL;
  if (!l) {
    wd_free(w);
    return wd_error_new(WD_ERR_RESOURCE, WD_CAPI_OOM);
  }
  ward_error_t *err = ward_wasi_new(l, store->s, cfg, &w->w);
  if (err) {
    ward_linker_delete(l);
    wd_free(w);
    return err;
  }
  w->l = l;
  w->store = store;
  w->next = store->wasi;
  store->wasi = w;
  *out = w;
  return NULL;
}

static bool is_wasi_module(const char *name, size_t len) {
  return (len == 22 && memcmp(name, "wasi_snapshot_preview1", 22) == 0) ||
         (len == 13 && memcmp(name, "wasi_unstable", 13) == 0);
}

ward_error_t *ward_wasi_wasm_imports(ward_wasi_wasm_t *wasi, const wasm_module_t *module,
                                     wasm_extern_vec_t *out) {
  ward_wasi_wasm_t *w = wasi;
  const ward_module_t *m = ward_wasm_module(module);
  size_t n = ward_module_import_count(m);
  wasm_extern_vec_new_uninitialized(out, n);
  if (out->size != n)
    return wd_error_new(WD_ERR_RESOURCE, WD_CAPI_OOM);
  for (size_t i = 0; i < n; i++) {
    ward_importdesc_t d;
    ward_extern_t ext;
    ward_module_import(m, i, &d);
    if (!is_wasi_module(d.module, d.module_len))
      continue; // the caller's
    if (!ward_linker_get(w->l, d.module, d.module_len, d.name, d.name_len, &ext)) {
      wasm_extern_vec_delete(out);
      return wd_error_new(WD_ERR_UNLINKABLE,
                          "unknown import %.*s::%.*s: not a WASI function, "
                          "or one of a group the configuration withholds",
                          (int)d.module_len, d.module, (int)d.name_len, d.name);
    }
    out->data[i] = (wasm_extern_t *)(void *)wd_capi_extern_ref(w->store, &ext);
    if (!out->data[i]) {
      wasm_extern_vec_delete(out);
      return wd_error_new(WD_ERR_RESOURCE, WD_CAPI_OOM);
    }
  }
  return NULL;
}

ward_error_t *ward_wasi_wasm_run(ward_wasi_wasm_t *wasi, const wasm_instance_t *instance,
                                 int *status, wasm_trap_t **trap) {
  ward_wasi_wasm_t *w = wasi;
  ward_trap_t *wt = NULL;
  *trap = NULL;
  ward_error_t *err = ward_wasi_run_start(w->w, ward_wasm_instance(instance), status, &wt);
  if (wt)
    *trap = wd_capi_trap_new(w->store, wt);
  return err;
}
