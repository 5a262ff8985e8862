// SPDX-License-Identifier: Apache-2.0
// The types of imports, exports and live externs, for reflection (the
// wasm.h layer's importtype, exporttype and wasm_extern_type).
#include <string.h>

#include "runtime/rt.h"
#include "util/alloc.h"

void ward_externtype_clear(ward_externtype_t *t) {
  if (!t)
    return;
  ward_functype_delete(t->func);
  memset(t, 0, sizeof *t);
}

// A new public function type of ft's params (and, unless params_only, its
// results), their kinds read with m's type indices (m may be NULL).
static ward_functype_t *functype_of(const wd_module_t *m, const wd_functype_t *ft,
                                    bool params_only) {
  size_t np = ft->nparams, nr = params_only ? 0 : ft->nresults;
  ward_valkind_t small[16] = {WARD_I32};
  ward_valkind_t *k = np + nr <= 16 ? small : wd_malloc((np + nr) * sizeof *k);
  if (!k)
    return NULL;
  for (size_t i = 0; i < np + nr; i++)
    k[i] = wd_vt_kind(m, ft->types[i]);
  ward_functype_t *out = ward_functype_new(k, np, k + np, nr);
  if (k != small)
    wd_free(k);
  return out;
}

static void limits_of(const wd_limits_t *lim, ward_externtype_t *out) {
  out->min = lim->min;
  out->max = lim->has_max ? lim->max : UINT64_MAX;
  out->is64 = lim->is64;
}

// The type of entity `index` of kind `kind` in m's index spaces.
static bool entity_type(const wd_module_t *m, uint8_t kind, uint32_t index,
                        ward_externtype_t *out) {
  memset(out, 0, sizeof *out);
  out->kind = (ward_externkind_t)kind;
  switch (kind) {
  case WD_EXTERN_FUNC:
    out->func = functype_of(m, &m->types[m->func_types[index]], false);
    return out->func != NULL;
  case WD_EXTERN_TAG:
    out->func = functype_of(m, &m->types[m->tag_types[index]], true);
    return out->func != NULL;
  case WD_EXTERN_TABLE:
    out->content = wd_vt_kind(m, m->tables[index].elem);
    limits_of(&m->tables[index].lim, out);
    return true;
  case WD_EXTERN_MEMORY: limits_of(&m->memories[index].lim, out); return true;
  default:
    out->content = wd_vt_kind(m, m->global_types[index].type);
    out->mutable_ = m->global_types[index].mut;
    return true;
  }
}

bool ward_module_import_type(const ward_module_t *module, size_t i, ward_externtype_t *out) {
  const wd_module_t *m = module->m;
  const wd_import_t *im = &m->imports[i];
  // An import is entity k of its kind, where k counts the imports of that
  // kind before it (imports come first in every index space).
  uint32_t k = 0;
  for (size_t j = 0; j < i; j++)
    k += m->imports[j].kind == im->kind;
  return entity_type(m, im->kind, k, out);
}

bool ward_module_export_type(const ward_module_t *module, size_t i, ward_externtype_t *out) {
  const wd_module_t *m = module->m;
  return entity_type(m, m->exports[i].kind, m->exports[i].index, out);
}

bool ward_extern_type(const ward_extern_t *ext, ward_externtype_t *out) {
  memset(out, 0, sizeof *out);
  out->kind = ext->kind;
  switch (ext->kind) {
  case WARD_EXTERN_FUNC: {
    const ward_func_t *f = ext->of.func;
    out->func = functype_of(f->inst ? f->inst->m : NULL, f->type, false);
    return out->func != NULL;
  }
  case WARD_EXTERN_TAG:
    out->func = functype_of(ext->of.tag->tm, ext->of.tag->type, true);
    return out->func != NULL;
  case WARD_EXTERN_TABLE: {
    const ward_table_t *t = ext->of.table;
    out->content = wd_vt_kind(t->tm, t->type.elem);
    limits_of(&t->type.lim, out);
    out->min = t->size;
    return true;
  }
  case WARD_EXTERN_MEMORY:
    limits_of(&ext->of.memory->type.lim, out);
    out->min = ext->of.memory->pages;
    return true;
  case WARD_EXTERN_GLOBAL:
    out->content = wd_vt_kind(ext->of.global->tm, ext->of.global->type.type);
    out->mutable_ = ext->of.global->type.mut;
    return true;
  }
  return false;
}
