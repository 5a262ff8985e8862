// SPDX-License-Identifier: Apache-2.0
// Engines, stores, and the objects a store owns: memories, tables, globals.
#include <string.h>

#include "interp/exec_simd.h"
#include "platform/platform.h"
#include "ir/rtt.h"
#include "runtime/gc.h"
#include "runtime/rt.h"
#include "util/alloc.h"

#define WD_PAGE 65536u

// The default of ward_config_t.memory_reservation (CMake's
// WARD_MEMORY_RESERVATION sets it).
#ifndef WD_DEFAULT_MEMORY_RESERVATION
#define WD_DEFAULT_MEMORY_RESERVATION UINT64_MAX
#endif

void ward_config_init(ward_config_t *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->struct_size = sizeof *cfg;
  cfg->max_call_depth = 100000;
  cfg->stack_cells = (size_t)1 << 22; // 32 MiB of address space, touched as used
  cfg->max_memory_pages = 65536;
  cfg->max_table_elems = 10000000;
  cfg->features = WARD_FEATURES_ALL;
  cfg->memory_reservation = (uint64_t)(WD_DEFAULT_MEMORY_RESERVATION);
  cfg->pool_memories = 16;
  // A stack takes about 35 MiB of address space (by default): a 32-bit
  // host keeps fewer.
  cfg->pool_stacks = sizeof(void *) >= 8 ? 16 : 2;
  cfg->pool_keep_resident = 32 * 1024;
}

// Whether cfg (of cfg->struct_size bytes) has `field`: a caller built
// against an older ward_config_t has not, and gets the default.
#define CFG_HAS(cfg, field)                                                                        \
  ((cfg)->struct_size >= offsetof(ward_config_t, field) + sizeof(cfg)->field)

_Static_assert((unsigned)WARD_FEATURES_ALL == (unsigned)WD_FEAT_ALL &&
                   (unsigned)WARD_FEATURE_GC == (unsigned)WD_FEAT_GC,
               "ward_feature_t and WD_FEAT_* are the same bits");

const char *ward_feature_name(uint32_t feature) { return wd_feature_name(feature); }
uint32_t ward_feature_by_name(const char *name, size_t len) {
  return wd_feature_by_name(name, len);
}

ward_engine_t *ward_engine_new(const ward_config_t *cfg) {
  ward_engine_t *e = wd_calloc(1, sizeof *e);
  if (!e)
    return NULL;
  wd_simd_select(); // the vector functions for this CPU
  ward_config_init(&e->cfg);
  e->rtts = wd_rtt_registry_new();
  if (!e->rtts) {
    wd_free(e);
    return NULL;
  }
  if (cfg) {
    if (cfg->max_call_depth)
      e->cfg.max_call_depth = cfg->max_call_depth;
    if (cfg->stack_cells)
      e->cfg.stack_cells = cfg->stack_cells;
    if (cfg->max_memory_pages && cfg->max_memory_pages <= 65536)
      e->cfg.max_memory_pages = cfg->max_memory_pages;
    if (cfg->max_table_elems)
      e->cfg.max_table_elems = cfg->max_table_elems;
    if (CFG_HAS(cfg, eager_compile))
      e->cfg.eager_compile = cfg->eager_compile;
    if (CFG_HAS(cfg, features))
      e->cfg.features = cfg->features & WARD_FEATURES_ALL;
    if (CFG_HAS(cfg, memory_reservation))
      e->cfg.memory_reservation = cfg->memory_reservation;
    if (CFG_HAS(cfg, interruptible)) {
      e->cfg.consume_fuel = cfg->consume_fuel;
      e->cfg.interruptible = cfg->interruptible;
    }
    if (CFG_HAS(cfg, pool_memories))
      e->cfg.pool_memories = cfg->pool_memories;
    if (CFG_HAS(cfg, pool_stacks))
      e->cfg.pool_stacks = cfg->pool_stacks;
    if (CFG_HAS(cfg, pool_keep_resident))
      e->cfg.pool_keep_resident = cfg->pool_keep_resident;
  }
  if (!wd_pool_init(&e->pool, &e->cfg)) {
    wd_rtt_registry_free(e->rtts);
    wd_free(e);
    return NULL;
  }
  e->meter =
      (e->cfg.consume_fuel ? WD_METER_FUEL : 0u) | (e->cfg.interruptible ? WD_METER_INTR : 0u);
  return e;
}

void ward_engine_delete(ward_engine_t *engine) {
  if (!engine)
    return;
  wd_pool_free(&engine->pool);
  wd_rtt_registry_free(engine->rtts);
  wd_free(engine);
}

ward_store_t *ward_store_new(ward_engine_t *engine) {
  ward_store_t *s = wd_calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->engine = engine;
  atomic_init(&s->intr, 0);
  atomic_init(&s->refs, 1);
  atomic_init(&s->run_intr, NULL);
  atomic_init(&s->intr_setters, 0);
  atomic_init(&s->max_depth, 0); // set with the stack, on the first call
  s->meter = engine->meter;
  ward_store_limits_init(&s->limits);
  s->gc.host_boxes.by_payload = true;
  s->gc.i31_boxes.by_payload = true;
  return s;
}

bool wd_store_need_stack(ward_store_t *s) {
  return s->stack || wd_pool_take_stack(&s->engine->pool, s);
}

// Releases m's contents (and m itself unless its instance holds it).
static void memory_free(ward_store_t *s, ward_memory_t *m) {
  if (m->reserved)
    wd_pool_give_memory(&s->engine->pool, m->data, m->reserved, (size_t)m->size);
  else
    wd_free(m->data);
  if (!m->in_instance)
    wd_free(m);
}

// Instances last: the memories, tables and globals they define live in
// their blocks, on the store's lists too.
void ward_store_delete(ward_store_t *s) {
  if (!s)
    return;
  for (ward_func_t *f = s->funcs, *n; f; f = n) {
    n = f->next;
    if (f->finalizer)
      f->finalizer(f->env);
    wd_free(f->own_type.types);
    wd_free(f);
  }
  for (ward_memory_t *m = s->memories, *n; m; m = n) {
    n = m->next;
    memory_free(s, m);
  }
  for (ward_table_t *t = s->tables, *n; t; t = n) {
    n = t->next;
    if (!t->elems_inline)
      wd_free(t->elems);
    if (!t->in_instance)
      wd_free(t);
  }
  for (ward_global_t *g = s->globals, *n; g; g = n) {
    n = g->next;
    if (!g->in_instance)
      wd_free(g);
  }
  for (ward_tag_t *t = s->tags, *n; t; t = n) {
    n = t->next;
    wd_free(t->own_type.types);
    wd_free(t);
  }
  for (ward_instance_t *i = s->instances, *n; i; i = n) {
    n = i->next;
    wd_free(i);
  }
  wd_gc_free_all(s);
  wd_pool_give_stack(&s->engine->pool, s);
  wd_store_release(s); // the struct stays while interrupt handles hold it
}

// ---- memories ---------------------------------------------------------------

#if WD_GUARD_PAGES
_Static_assert(sizeof(size_t) >= 8, "guard pages need a 64-bit address space");

// Guard pages: the memory reserves WD_GUARD_RESERVE bytes whatever its
// maximum, commits its size, and registers the whole reservation, so that
// every access beyond the size faults in a registered range. Without the
// reservation there are no bounds checks to fall back on: creation fails.
// A pooled reservation is registered already.
static bool memory_reserve(wd_pool_t *pool, ward_memory_t *m, uint64_t limit, bool *no_space) {
  (void)limit; // always WD_GUARD_RESERVE
  if (!wd_os_guard_init())
    return false;
  const size_t reserve = (size_t)WD_GUARD_RESERVE, size = (size_t)m->size;
  if (wd_pool_take_memory(pool, reserve, size, &m->data, &m->reserved))
    return true;
  uint8_t *p = wd_os_reserve(reserve);
  if (!p) {
    *no_space = true;
    return false;
  }
  if (!wd_os_guard_register(p, reserve)) {
    wd_os_release(p, reserve);
    return false;
  }
  if (!wd_os_commit(p, size)) {
    wd_os_guard_unregister(p);
    wd_os_release(p, reserve);
    return false;
  }
  m->data = p;
  m->reserved = reserve;
  return true;
}
#else
// Explicit bounds checks: on 64-bit hosts, reserve the whole range the
// memory may grow to, so its base never moves, if that is at most `limit`
// bytes (ward_config_t.memory_reservation); where it is not, where the
// reservation fails, and on 32-bit hosts, the memory is heap-allocated. A
// pooled reservation may be larger than the range.
static bool memory_reserve(wd_pool_t *pool, ward_memory_t *m, uint64_t limit, bool *no_space) {
  (void)no_space;
  uint64_t range = m->max_pages * WD_PAGE;
  if (sizeof(void *) >= 8 && limit != 0 && range <= limit) {
    size_t reserve = range ? (size_t)range : wd_os_page_size(), size = (size_t)m->size;
    if (!wd_pool_take_memory(pool, reserve, size, &m->data, &m->reserved)) {
      uint8_t *p = wd_os_reserve(reserve);
      if (p) {
        if (!wd_os_commit(p, size)) {
          wd_os_release(p, reserve);
          return false;
        }
        m->data = p;
        m->reserved = reserve;
      }
    }
  }
  if (!m->data) {
    // A 32-bit host cannot hold a memory of 4 GiB or more (m->size would be
    // truncated to a smaller size_t than the bounds checks use).
    if (m->size > SIZE_MAX)
      return false;
    m->data = wd_calloc(m->size ? (size_t)m->size : 1, 1);
    if (!m->data)
      return false;
  }
  return true;
}
#endif

bool wd_memory_init(ward_store_t *s, ward_memory_t *m, const wd_memtype_t *mt, const char **why) {
  const char *dummy;
  if (!why)
    why = &dummy;
  *why = "out of memory: cannot create a memory that large";
  uint64_t cap = s->engine->cfg.max_memory_pages;
  m->store = s;
  m->type = *mt;
  m->max_pages = mt->lim.has_max && mt->lim.max < cap ? mt->lim.max : cap;
  if (mt->lim.min > m->max_pages)
    return false;
  if (!wd_limits_allow(s, WARD_EXTERN_MEMORY, 0, mt->lim.min * WD_PAGE, m->max_pages * WD_PAGE)) {
    *why = WD_MSG_MEMORY_LIMIT;
    return false;
  }
  m->pages = mt->lim.min;
  m->size = m->pages * WD_PAGE;
  bool no_space = false;
  if (!memory_reserve(&s->engine->pool, m, s->engine->cfg.memory_reservation, &no_space)) {
    wd_free(m->data); // a heap memory's (a failed reservation leaves none)
    m->data = NULL;
    if (no_space)
      *why = WD_MSG_NO_ADDRESS_SPACE;
    return false;
  }
  s->mem_bytes += m->size;
  m->next = s->memories;
  s->memories = m;
  return true;
}

ward_memory_t *wd_memory_new(ward_store_t *s, const wd_memtype_t *mt, const char **why) {
  ward_memory_t *m = wd_calloc(1, sizeof *m);
  if (m && !wd_memory_init(s, m, mt, why)) {
    wd_free(m);
    return NULL;
  }
  if (!m && why)
    *why = "out of memory: cannot create a memory";
  return m;
}

int64_t wd_memory_grow(ward_memory_t *mem, uint64_t delta) {
  uint64_t old = mem->pages;
  if (delta == 0)
    return (int64_t)old;
  if (delta > mem->max_pages - old)
    return -1;
  uint64_t nsize = (old + delta) * WD_PAGE;
  ward_store_t *s = mem->store;
  if (!wd_limits_allow(s, WARD_EXTERN_MEMORY, mem->size, nsize, mem->max_pages * WD_PAGE))
    return -1;
  // A reservation (with guard pages, always) covers max_pages: commit more
  // of it in place.
  if (mem->reserved) {
    // A commit that failed part way leaves nothing accessible beyond the
    // size (nor, with guard pages, unzeroed for the pool: pool.h).
    if (!wd_os_commit(mem->data + mem->size, (size_t)(nsize - mem->size))) {
      wd_os_decommit(mem->data + mem->size, (size_t)(nsize - mem->size));
      return -1;
    }
  } else {
    if (nsize > SIZE_MAX) // a 32-bit host: see memory_reserve
      return -1;
    uint8_t *p = wd_realloc(mem->data, (size_t)nsize);
    if (!p)
      return -1;
    memset(p + mem->size, 0, (size_t)(nsize - mem->size));
    mem->data = p;
  }
  s->mem_bytes += nsize - mem->size;
  mem->pages = old + delta;
  mem->size = nsize;
  return (int64_t)old;
}

// ---- tables -----------------------------------------------------------------

bool wd_table_init(ward_store_t *s, ward_table_t *t, const wd_tabletype_t *tt, void *init,
                   void **elems, const char **why) {
  const char *dummy;
  if (!why)
    why = &dummy;
  *why = "out of memory: cannot create a table that large";
  uint64_t cap = s->engine->cfg.max_table_elems;
  // Below 2^32 - 1: a 64-bit table's index beyond 2^32 reaches the table
  // operations as 2^32 - 1 (ops.def TABLE_INDEX64), out of bounds too.
  if (cap > UINT32_MAX - 1)
    cap = UINT32_MAX - 1;
  if (tt->lim.min > cap)
    return false;
  t->type = *tt;
  t->store = s;
  t->max = tt->lim.has_max && tt->lim.max < cap ? tt->lim.max : cap;
  if (!wd_limits_allow(s, WARD_EXTERN_TABLE, 0, tt->lim.min, t->max)) {
    *why = WD_MSG_TABLE_LIMIT;
    return false;
  }
  t->size = t->cap = tt->lim.min;
  t->elems_inline = elems != NULL;
  t->elems = elems ? elems : wd_malloc(t->size ? (size_t)t->size * sizeof *t->elems : 1);
  if (!t->elems)
    return false;
  for (uint64_t i = 0; i < t->size; i++)
    t->elems[i] = init;
  s->table_elems += t->size;
  t->next = s->tables;
  s->tables = t;
  return true;
}

ward_table_t *wd_table_new(ward_store_t *s, const wd_tabletype_t *tt, void *init,
                           const char **why) {
  ward_table_t *t = wd_calloc(1, sizeof *t);
  if (!t && why)
    *why = "out of memory: cannot create a table";
  if (t && !wd_table_init(s, t, tt, init, NULL, why)) {
    wd_free(t);
    return NULL;
  }
  return t;
}

int64_t wd_table_grow(ward_table_t *t, uint64_t delta, void *init) {
  uint64_t old = t->size;
  if (delta > t->max - old)
    return -1;
  uint64_t n = old + delta;
  if (!wd_limits_allow(t->store, WARD_EXTERN_TABLE, old, n, t->max))
    return -1;
  if (n > t->cap) {
    uint64_t ncap = t->cap * 2 > n ? t->cap * 2 : n;
    if (ncap > t->max)
      ncap = t->max;
    // Entries in the instance's block move to a block of their own.
    void **e = t->elems_inline ? wd_malloc((size_t)ncap * sizeof *e)
                               : wd_realloc(t->elems, (size_t)ncap * sizeof *e);
    if (!e)
      return -1;
    if (t->elems_inline && old)
      memcpy(e, t->elems, (size_t)old * sizeof *e);
    t->elems_inline = false;
    t->elems = e;
    t->cap = ncap;
  }
  for (uint64_t i = old; i < n; i++)
    t->elems[i] = init;
  t->store->table_elems += delta;
  t->size = n;
  return (int64_t)old;
}

// ---- globals ----------------------------------------------------------------

void wd_global_init(ward_store_t *s, ward_global_t *g, const wd_globaltype_t *gt) {
  g->type = *gt;
  g->store = s;
  g->next = s->globals;
  s->globals = g;
}

ward_global_t *wd_global_new(ward_store_t *s, const wd_globaltype_t *gt) {
  ward_global_t *g = wd_calloc(1, sizeof *g);
  if (g)
    wd_global_init(s, g, gt);
  return g;
}

// ---- values -----------------------------------------------------------------

ward_valkind_t wd_vt_kind(const wd_module_t *m, wd_vt_t t) {
  if (!wd_valtype_is_ref(t))
    return (ward_valkind_t)t;
  uint32_t ht = wd_vt_heap(t);
  switch (ht) {
  case WD_HT_EXTERN:
  case WD_HT_NOEXTERN: return WARD_EXTERNREF;
  case WD_HT_EXN:
  case WD_HT_NOEXN: return WARD_EXNREF;
  case WD_HT_FUNC:
  case WD_HT_NOFUNC: return WARD_FUNCREF;
  case WD_HT_ANY:
  case WD_HT_EQ:
  case WD_HT_I31:
  case WD_HT_STRUCT:
  case WD_HT_ARRAY:
  case WD_HT_NONE: return WARD_ANYREF;
  default: // a type index
    return m && ht >= WD_HT_IDX && ht - WD_HT_IDX < m->ntypes &&
                   wd_type_comp(m, ht - WD_HT_IDX) != WD_COMP_FUNC
               ? WARD_ANYREF
               : WARD_FUNCREF;
  }
}

wd_vt_t wd_kind_vt(ward_valkind_t k) {
  switch (k) {
  case WARD_FUNCREF: return WD_FUNCREF;
  case WARD_EXTERNREF: return WD_EXTERNREF;
  case WARD_EXNREF: return WD_EXNREF;
  case WARD_ANYREF: return WD_VT_REF(true, WD_HT_ANY);
  default: return (wd_vt_t)k;
  }
}

bool wd_cell_to_val(ward_store_t *s, const wd_cell_t *c, ward_valkind_t kind, ward_val_t *out) {
  memset(out, 0, sizeof *out);
  out->kind = kind;
  switch (kind) {
  case WARD_I32: out->of.i32 = (int32_t)c->i32; break;
  case WARD_I64: out->of.i64 = (int64_t)c->i64; break;
  case WARD_F32: out->of.f32 = c->f32; break;
  case WARD_F64: out->of.f64 = c->f64; break;
  case WARD_V128: memcpy(out->of.v128, c, 16); break;
  case WARD_FUNCREF: out->of.funcref = c->ref; break;
  case WARD_EXTERNREF: return wd_gc_extern_out(s, c->ref, &out->of.externref);
  case WARD_EXNREF:
    if (!wd_gc_root(s, c->ref))
      return false;
    out->of.exnref = c->ref;
    break;
  case WARD_ANYREF:
    if (!wd_gc_root(s, c->ref))
      return false;
    out->of.anyref = c->ref;
    break;
  }
  return true;
}

bool wd_val_to_cell(ward_store_t *s, const ward_val_t *v, wd_cell_t *out) {
  switch (v->kind) {
  case WARD_I32: WD_PUT_I32(*out, (uint32_t)v->of.i32); break;
  case WARD_I64: out->i64 = (uint64_t)v->of.i64; break;
  case WARD_F32: out->f32 = v->of.f32; break;
  case WARD_F64: out->f64 = v->of.f64; break;
  case WARD_V128: memcpy(out, v->of.v128, 16); break;
  case WARD_FUNCREF: out->ref = v->of.funcref; break;
  case WARD_EXTERNREF: return wd_gc_extern_in(s, v->of.externref, &out->ref);
  case WARD_EXNREF: out->ref = v->of.exnref; break;
  case WARD_ANYREF: return wd_gc_any_in(s, v->of.anyref, &out->ref);
  }
  return true;
}

const char *ward_valkind_name(ward_valkind_t kind) {
  return kind == WARD_ANYREF ? "anyref" : wd_valtype_name(wd_kind_vt(kind));
}
