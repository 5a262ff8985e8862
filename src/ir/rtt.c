// SPDX-License-Identifier: Apache-2.0
// The registry of canonical types: recursive type groups hash-consed by
// their structure, references inside a group written by their position in
// it and references out of it by the canonical type's serial number, so
// two groups get the same types exactly when they are equivalent (the
// spec's iso-recursive type equivalence: "closed" types compared
// syntactically).
#include "ir/rtt.h"

#include <stdatomic.h>
#include <string.h>

#include "util/alloc.h"

// An engine may be shared by threads that create modules and host
// functions at once: the registry is changed under a lock (a spin lock,
// held only while a module's or a signature's groups are looked up or
// added; canonical types never change once they are made).
struct wd_rtt_registry {
  atomic_flag lock;
  wd_rtt_t **buckets; // group heads, chained through `next`
  size_t nbuckets, ngroups;
  uint64_t serial;
};

static void registry_lock(wd_rtt_registry_t *r) {
  while (atomic_flag_test_and_set_explicit(&r->lock, memory_order_acquire))
    ;
}
static void registry_unlock(wd_rtt_registry_t *r) {
  atomic_flag_clear_explicit(&r->lock, memory_order_release);
}

wd_rtt_registry_t *wd_rtt_registry_new(void) {
  wd_rtt_registry_t *r = wd_calloc(1, sizeof *r);
  if (!r)
    return NULL;
  atomic_flag_clear(&r->lock);
  r->nbuckets = 64;
  r->buckets = wd_calloc(r->nbuckets, sizeof *r->buckets);
  if (!r->buckets) {
    wd_free(r);
    return NULL;
  }
  return r;
}

static void free_group(wd_rtt_t *g) {
  uint32_t n = g->group_len;
  wd_free(g->key);
  for (uint32_t k = 0; k < n; k++) {
    wd_rtt_t *t = &g[k];
    wd_free(t->supers);
    wd_free(t->fields);
    wd_free(t->ref_offsets);
    wd_free(t->func.types);
  }
  wd_free(g);
}

void wd_rtt_registry_free(wd_rtt_registry_t *r) {
  if (!r)
    return;
  for (size_t b = 0; b < r->nbuckets; b++)
    for (wd_rtt_t *g = r->buckets[b], *next; g; g = next) {
      next = g->next;
      free_group(g);
    }
  wd_free(r->buckets);
  wd_free(r);
}

// ---- keys ----------------------------------------------------------------

typedef struct key {
  uint64_t *v;
  size_t n, cap;
  bool oom;
} tkey_t;

static void put(tkey_t *k, uint64_t x) {
  if (k->n == k->cap) {
    size_t nc = k->cap ? k->cap * 2 : 32;
    uint64_t *v = wd_realloc(k->v, nc * sizeof *v);
    if (!v) {
      k->oom = true;
      return;
    }
    k->v = v;
    k->cap = nc;
  }
  k->v[k->n++] = x;
}

#define IN_GROUP (1ull << 63)
#define OUT_GROUP (1ull << 62)

// A type index x referred to from group [rec, rec + len).
static uint64_t idx_key(const wd_module_t *m, uint32_t x, uint32_t rec, uint32_t len) {
  if (x >= rec && x - rec < len)
    return IN_GROUP | (x - rec);
  return OUT_GROUP | m->rtts[x]->serial;
}

static void put_vt(tkey_t *k, const wd_module_t *m, wd_vt_t t, uint32_t rec, uint32_t len) {
  if (!wd_valtype_is_ref(t) || wd_vt_heap(t) < WD_HT_IDX) {
    put(k, t);
    return;
  }
  put(k, t & 0xFF);
  put(k, idx_key(m, wd_vt_heap(t) - WD_HT_IDX, rec, len));
}

static void group_key(tkey_t *k, const wd_module_t *m, uint32_t rec, uint32_t len) {
  put(k, len);
  for (uint32_t i = rec; i < rec + len; i++) {
    const wd_subtype_t *st = &m->sub[i];
    put(k, (uint64_t)st->comp | (uint64_t)st->final << 8);
    put(k, st->super == UINT32_MAX ? 0 : idx_key(m, st->super, rec, len));
    if (st->comp == WD_COMP_FUNC) {
      const wd_functype_t *ft = &m->types[i];
      put(k, (uint64_t)ft->nparams << 32 | ft->nresults);
      for (uint32_t j = 0; j < ft->nparams + ft->nresults; j++)
        put_vt(k, m, ft->types[j], rec, len);
    } else {
      put(k, st->nfields);
      for (uint32_t j = 0; j < st->nfields; j++) {
        put(k, st->fields[j].mut);
        put_vt(k, m, st->fields[j].type, rec, len);
      }
    }
  }
}

static uint64_t hash_key(const uint64_t *v, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= v[i];
    h *= 0x100000001b3ull;
    h ^= h >> 29;
  }
  return h;
}

// ---- making groups ---------------------------------------------------------

// Whether a field or element of type t holds references the collector
// follows: the any, extern and exn hierarchies (not functions, which the
// store owns).
static bool traced(const wd_module_t *m, wd_vt_t t) {
  if (!wd_valtype_is_ref(t))
    return false;
  uint32_t ht = wd_vt_heap(t);
  if (ht >= WD_HT_IDX)
    return m->sub[ht - WD_HT_IDX].comp != WD_COMP_FUNC;
  return ht != WD_HT_FUNC && ht != WD_HT_NOFUNC;
}

static bool grow(wd_rtt_registry_t *r) {
  size_t nb = r->nbuckets * 2;
  wd_rtt_t **b = wd_calloc(nb, sizeof *b);
  if (!b)
    return false;
  for (size_t i = 0; i < r->nbuckets; i++)
    for (wd_rtt_t *g = r->buckets[i], *next; g; g = next) {
      next = g->next;
      g->next = b[g->hash & (nb - 1)];
      b[g->hash & (nb - 1)] = g;
    }
  wd_free(r->buckets);
  r->buckets = b;
  r->nbuckets = nb;
  return true;
}

static bool copy_functype(wd_functype_t *dst, const wd_functype_t *src) {
  *dst = *src;
  size_t n = (size_t)src->nparams + src->nresults;
  dst->types = wd_malloc((n ? n : 1) * sizeof *dst->types);
  if (!dst->types)
    return false;
  if (n)
    memcpy(dst->types, src->types, n * sizeof *dst->types);
  return true;
}

// A new group of m's types [rec, rec + len) with key k (taken).
static wd_rtt_t *make_group(wd_rtt_registry_t *r, const wd_module_t *m, uint32_t rec, uint32_t len,
                            tkey_t *k, uint64_t h) {
  wd_rtt_t *g = wd_calloc(len, sizeof *g);
  if (!g)
    return NULL;
  g->group_len = len;
  g->key = k->v;
  g->nkey = (uint32_t)k->n;
  g->hash = h;
  k->v = NULL;
  bool ok = true;
  for (uint32_t j = 0; j < len; j++) {
    const wd_subtype_t *st = &m->sub[rec + j];
    wd_rtt_t *t = &g[j];
    t->group = g;
    t->group_len = len;
    t->serial = ++r->serial;
    t->comp = st->comp;
    t->final = st->final;
    t->size = st->size;
    const wd_rtt_t *super = NULL;
    if (st->super != UINT32_MAX)
      super = st->super >= rec ? &g[st->super - rec] : m->rtts[st->super];
    t->depth = super ? super->depth + 1 : 0;
    t->supers = wd_malloc((t->depth + 1) * sizeof *t->supers);
    if (!t->supers) {
      ok = false;
      continue;
    }
    if (super)
      memcpy(t->supers, super->supers, t->depth * sizeof *t->supers);
    t->supers[t->depth] = t;
    if (st->comp == WD_COMP_FUNC) {
      ok = ok && copy_functype(&t->func, &m->types[rec + j]);
      continue;
    }
    t->nfields = st->nfields;
    t->fields = wd_malloc((st->nfields ? st->nfields : 1) * sizeof *t->fields);
    t->ref_offsets = wd_malloc((st->nfields ? st->nfields : 1) * sizeof *t->ref_offsets);
    if (!t->fields || !t->ref_offsets) {
      ok = false;
      continue;
    }
    for (uint32_t f = 0; f < st->nfields; f++) {
      t->fields[f] = st->fields[f];
      if (traced(m, st->fields[f].type))
        t->ref_offsets[t->nrefs++] = st->fields[f].offset;
    }
    t->elem_ref = st->comp == WD_COMP_ARRAY && t->nrefs > 0;
  }
  if (!ok) {
    free_group(g);
    return NULL;
  }
  return g;
}

// The canonical group for m's types [rec, rec + len); NULL if out of
// memory.
static wd_rtt_t *canon_group(wd_rtt_registry_t *r, const wd_module_t *m, uint32_t rec,
                             uint32_t len) {
  tkey_t k = {0};
  group_key(&k, m, rec, len);
  if (k.oom) {
    wd_free(k.v);
    return NULL;
  }
  uint64_t h = hash_key(k.v, k.n);
  for (wd_rtt_t *g = r->buckets[h & (r->nbuckets - 1)]; g; g = g->next)
    if (g->hash == h && g->nkey == k.n && memcmp(g->key, k.v, k.n * sizeof *k.v) == 0) {
      wd_free(k.v);
      return g;
    }
  if (r->ngroups >= r->nbuckets && !grow(r)) {
    wd_free(k.v);
    return NULL;
  }
  wd_rtt_t *g = make_group(r, m, rec, len, &k, h);
  wd_free(k.v);
  if (!g)
    return NULL;
  g->next = r->buckets[h & (r->nbuckets - 1)];
  r->buckets[h & (r->nbuckets - 1)] = g;
  r->ngroups++;
  return g;
}

bool wd_rtt_canon_module(wd_rtt_registry_t *r, wd_module_t *m) {
  if (m->rtts)
    return true;
  m->rtts = wd_calloc(m->ntypes ? m->ntypes : 1, sizeof *m->rtts);
  if (!m->rtts)
    return false;
  registry_lock(r);
  for (uint32_t i = 0; i < m->ntypes; i += m->sub[i].rec_len) {
    wd_rtt_t *g = canon_group(r, m, i, m->sub[i].rec_len);
    if (!g) {
      registry_unlock(r);
      wd_free(m->rtts);
      m->rtts = NULL;
      return false;
    }
    for (uint32_t j = 0; j < m->sub[i].rec_len; j++)
      m->rtts[i + j] = &g[j];
  }
  registry_unlock(r);
  return true;
}

const wd_rtt_t *wd_rtt_of_functype(wd_rtt_registry_t *r, const wd_functype_t *ft) {
  // A module of one type, for the key.
  wd_subtype_t st = {.comp = WD_COMP_FUNC, .final = true, .super = UINT32_MAX, .rec_len = 1};
  wd_functype_t copy = *ft;
  wd_module_t m = {.ntypes = 1, .types = &copy, .sub = &st};
  registry_lock(r);
  const wd_rtt_t *t = canon_group(r, &m, 0, 1);
  registry_unlock(r);
  return t;
}
