// SPDX-License-Identifier: Apache-2.0
// The linker: a table of (module, name) -> extern used to resolve imports.
#include <stdio.h>
#include <string.h>

#include "runtime/rt.h"
#include "util/alloc.h"

typedef struct link_item {
  char *module, *name;
  size_t mlen, nlen;
  ward_extern_t ext;
  char *denied; // why the host withholds this import, or NULL
} link_item_t;

struct ward_linker {
  ward_engine_t *engine;
  link_item_t *items;
  size_t n, cap;
};

ward_linker_t *ward_linker_new(ward_engine_t *engine) {
  ward_linker_t *l = wd_calloc(1, sizeof *l);
  if (l)
    l->engine = engine;
  return l;
}

void ward_linker_delete(ward_linker_t *l) {
  if (!l)
    return;
  for (size_t i = 0; i < l->n; i++) {
    wd_free(l->items[i].module);
    wd_free(l->items[i].name);
    wd_free(l->items[i].denied);
  }
  wd_free(l->items);
  wd_free(l);
}

static link_item_t *find(const ward_linker_t *l, const char *module, size_t mlen, const char *name,
                         size_t nlen) {
  for (size_t i = 0; i < l->n; i++) {
    link_item_t *it = &l->items[i];
    if (it->mlen == mlen && it->nlen == nlen && memcmp(it->module, module, mlen) == 0 &&
        memcmp(it->name, name, nlen) == 0)
      return it;
  }
  return NULL;
}

ward_error_t *ward_linker_define(ward_linker_t *l, const char *module, size_t mlen,
                                 const char *name, size_t nlen, const ward_extern_t *item) {
  link_item_t *it = find(l, module, mlen, name, nlen);
  if (it) {
    it->ext = *item;
    wd_free(it->denied);
    it->denied = NULL;
    return NULL;
  }
  if (wd_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items))
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  it = &l->items[l->n];
  it->module = wd_strndup(module, mlen);
  it->name = wd_strndup(name, nlen);
  if (!it->module || !it->name) {
    wd_free(it->module);
    wd_free(it->name);
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  }
  it->mlen = mlen;
  it->nlen = nlen;
  it->ext = *item;
  it->denied = NULL;
  l->n++;
  return NULL;
}

bool ward_linker_get(const ward_linker_t *l, const char *module, size_t mlen, const char *name,
                     size_t nlen, ward_extern_t *out) {
  const link_item_t *it = find(l, module, mlen, name, nlen);
  if (!it || it->denied)
    return false;
  *out = it->ext;
  return true;
}

bool wd_linker_deny(ward_linker_t *l, const char *module, size_t mlen, const char *name,
                    size_t nlen, const char *why) {
  ward_extern_t none;
  memset(&none, 0, sizeof none);
  ward_error_t *e = ward_linker_define(l, module, mlen, name, nlen, &none);
  if (e) {
    ward_error_delete(e);
    return false;
  }
  link_item_t *it = find(l, module, mlen, name, nlen);
  it->denied = wd_strndup(why, strlen(why));
  return it->denied != NULL;
}

ward_error_t *ward_linker_define_instance(ward_linker_t *l, const char *module, size_t mlen,
                                          const ward_instance_t *inst) {
  size_t n = ward_instance_export_count(inst);
  for (size_t i = 0; i < n; i++) {
    const char *name;
    size_t len;
    ward_extern_t ext;
    ward_instance_export_nth(inst, i, &name, &len, &ext);
    ward_error_t *e = ward_linker_define(l, module, mlen, name, len, &ext);
    if (e)
      return e;
  }
  return NULL;
}

ward_error_t *ward_linker_instantiate(ward_linker_t *l, ward_store_t *store,
                                      const ward_module_t *module, ward_instance_t **out,
                                      ward_trap_t **trap) {
  const wd_module_t *m = module->m;
  *out = NULL;
  if (trap)
    *trap = NULL;
  ward_extern_t *imports = wd_calloc(m->nimports ? m->nimports : 1, sizeof *imports);
  if (!imports)
    return wd_error_new(WD_ERR_RESOURCE, "out of memory");
  // Every import that does not resolve is named, the first with its reason.
  wd_diag_t d;
  wd_diag_clear(&d);
  size_t used = 0, missing = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const wd_import_t *im = &m->imports[i];
    link_item_t *it = find(l, im->module, im->module_len, im->name, im->name_len);
    if (it && !it->denied) {
      imports[i] = it->ext;
      continue;
    }
    if (missing++ == 0) {
      wd_diag_set(&d, WD_ERR_UNLINKABLE, WD_NO_OFFSET, "unknown import %s::%s%s%s", im->module,
                  im->name, it ? ": " : "", it ? it->denied : "");
      used = strlen(d.msg);
    } else if (used + 8 < sizeof d.msg) {
      int n = snprintf(d.msg + used, sizeof d.msg - used, "%s%s::%s",
                       missing == 2 ? "; also unknown: " : ", ", im->module, im->name);
      used = n < 0 ? sizeof d.msg : used + (size_t)n;
    }
  }
  if (missing) {
    wd_free(imports);
    return wd_error_from(&d);
  }
  ward_error_t *e = ward_instance_new(store, module, imports, m->nimports, out, trap);
  wd_free(imports);
  return e;
}
