// SPDX-License-Identifier: Apache-2.0
// The store's garbage-collected heap (runtime/gc.h): objects allocated one
// by one, a hash set of their addresses, and a mark-sweep collector with
// precise roots in the store and conservative ones on the value stack.
#include "runtime/gc.h"

#include <string.h>

#include "util/alloc.h"

// The mark bit, above the kind (WD_GC_KIND_MASK).
#define MARK 0x100u
// A hash set slot whose object was removed.
#define TOMB ((wd_gcobj_t *)(uintptr_t)1)
// Collections come no more often than once per this many bytes allocated,
// nor before twice the bytes live after the last one are allocated: the
// heap stays within three times what is live, and each collection's work
// (proportional to what is live) is paid for by twice as many bytes.
#define MIN_TRIGGER ((uint64_t)4 << 20)

// ---- hash sets of objects ----------------------------------------------------

static uintptr_t payload_ptr(const wd_gcobj_t *o) {
  void *p;
  memcpy(&p, (const uint8_t *)o + sizeof *o, sizeof p);
  return (uintptr_t)p;
}

static uintptr_t key_of(const wd_objtab_t *t, const wd_gcobj_t *o) {
  return t->by_payload ? payload_ptr(o) : (uintptr_t)o;
}

static size_t hash_key(uintptr_t k) {
  uint64_t x = (uint64_t)k;
  x ^= x >> 33;
  x *= UINT64_C(0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (size_t)x;
}

// The slot holding the object of key k, or NULL.
static wd_gcobj_t **tab_find(const wd_objtab_t *t, uintptr_t k) {
  if (t->n == 0)
    return NULL;
  size_t mask = t->cap - 1;
  for (size_t i = hash_key(k) & mask;; i = (i + 1) & mask) {
    wd_gcobj_t *o = t->slots[i];
    if (!o)
      return NULL;
    if (o != TOMB && key_of(t, o) == k)
      return &t->slots[i];
  }
}

// Moves t's objects to a new array of cap slots (no tombstones). False if
// out of memory (t unchanged).
static bool tab_rehash(wd_objtab_t *t, size_t cap) {
  wd_gcobj_t **slots = wd_calloc(cap, sizeof *slots);
  if (!slots)
    return false;
  size_t mask = cap - 1;
  for (size_t i = 0; i < t->cap; i++) {
    wd_gcobj_t *o = t->slots[i];
    if (!o || o == TOMB)
      continue;
    size_t j = hash_key(key_of(t, o)) & mask;
    while (slots[j])
      j = (j + 1) & mask;
    slots[j] = o;
  }
  wd_free(t->slots);
  t->slots = slots;
  t->cap = cap;
  t->used = t->n;
  return true;
}

// The capacity for n objects: at most a third full, so that lookups stay
// short until the next rehash.
static size_t tab_cap_for(size_t n) {
  size_t cap = 16;
  while (cap / 3 < n)
    cap *= 2;
  return cap;
}

// Adds o (whose key t must not hold yet). False if out of memory.
static bool tab_insert(wd_objtab_t *t, wd_gcobj_t *o) {
  if ((t->used + 1) * 4 > t->cap * 3 && !tab_rehash(t, tab_cap_for(t->n + 1)))
    return false;
  size_t mask = t->cap - 1;
  size_t i = hash_key(key_of(t, o)) & mask;
  while (t->slots[i] && t->slots[i] != TOMB)
    i = (i + 1) & mask;
  if (!t->slots[i])
    t->used++;
  t->slots[i] = o;
  t->n++;
  return true;
}

// Removes o from t (if it is there).
static void tab_remove(wd_objtab_t *t, wd_gcobj_t *o) {
  wd_gcobj_t **slot = tab_find(t, key_of(t, o));
  if (slot && *slot == o) {
    *slot = TOMB;
    t->n--;
  }
}

// After removals: rehashes when tombstones take a quarter of the slots
// (out of memory: they stay, which only slows lookups).
static void tab_tidy(wd_objtab_t *t) {
  if (t->cap && (t->used - t->n) * 4 > t->cap)
    tab_rehash(t, tab_cap_for(t->n));
}

static void tab_free(wd_objtab_t *t) {
  wd_free(t->slots);
  t->slots = NULL;
  t->cap = t->used = t->n = 0;
}

// ---- objects ------------------------------------------------------------------

static size_t round8(size_t n) { return (n + 7) & ~(size_t)7; }

// The bytes object o takes (allocations are rounded up to 8 bytes).
static size_t obj_size(const wd_gcobj_t *o) {
  switch (wd_gc_kind(o)) {
  case WD_GC_STRUCT: return round8(sizeof *o + o->rtt->size);
  case WD_GC_ARRAY: return round8(sizeof *o + (size_t)o->len * o->rtt->size);
  case WD_GC_EXN:
    return round8(sizeof(ward_exn_t) + ((const ward_exn_t *)o)->ncells * sizeof(wd_cell_t));
  default: return round8(sizeof *o + sizeof(void *)); // boxes
  }
}

// Spare objects: a small object the sweep frees goes on the list of its
// size instead of back to the C allocator, and the next allocation of
// that size takes it (the C allocator's search and bookkeeping were a
// third of the binary-trees benchmark's time). Their bytes stay below
// what the next collection waits for, max(4 MiB, twice the live bytes),
// so the heap's peak is no higher than without them; beyond that they
// are freed.

// The next spare object after o (its first bytes hold the link).
static wd_gcobj_t *spare_next(const wd_gcobj_t *o) {
  wd_gcobj_t *next;
  memcpy(&next, (const uint8_t *)o, sizeof next);
  return next;
}

static wd_gcobj_t *spare_take(wd_gcheap_t *h, size_t size) {
  size_t c = size / 8;
  if (c >= WD_GC_SPARE_CLASSES || !h->spare[c])
    return NULL;
  wd_gcobj_t *o = h->spare[c];
  h->spare[c] = spare_next(o);
  h->spare_bytes -= size;
  memset(o, 0, size);
  return o;
}

static bool spare_put(wd_gcheap_t *h, wd_gcobj_t *o, size_t size) {
  size_t c = size / 8;
  uint64_t cap = 2 * h->live_after > MIN_TRIGGER ? 2 * h->live_after : MIN_TRIGGER;
  if (c >= WD_GC_SPARE_CLASSES || h->spare_bytes + size > cap)
    return false;
  wd_gcobj_t *next = h->spare[c];
  memcpy((uint8_t *)o, &next, sizeof next);
  h->spare[c] = o;
  h->spare_bytes += size;
  return true;
}

bool wd_gc_is_obj(const ward_store_t *s, const void *p) {
  const wd_gcheap_t *h = &s->gc;
  uintptr_t a = (uintptr_t)p;
  if (!p || (a & 7u) || a < h->lo || a > h->hi)
    return false;
  return tab_find(&h->objs, a) != NULL;
}

// The object at address a, or NULL: the conservative test of a cell.
static wd_gcobj_t *obj_at(wd_gcheap_t *h, uintptr_t a) {
  if (!a || (a & 7u) || a < h->lo || a > h->hi)
    return NULL;
  wd_gcobj_t **slot = tab_find(&h->objs, a);
  return slot ? *slot : NULL;
}

static bool over_trigger(const wd_gcheap_t *h, size_t more) {
  uint64_t trigger = 2 * h->live_after > MIN_TRIGGER ? 2 * h->live_after : MIN_TRIGGER;
  return h->since + more > trigger;
}

wd_gcobj_t *wd_gc_alloc(ward_store_t *s, uint32_t kind, size_t size, wd_cell_t *top) {
  wd_gcheap_t *h = &s->gc;
  size = round8(size);
  if (top && over_trigger(h, size))
    wd_gc_collect(s, top);
  wd_gcobj_t *o = spare_take(h, size);
  if (!o)
    o = wd_calloc(1, size);
  if (!o && top) {
    // Short of memory: what a collection frees may make room.
    wd_gc_collect(s, top);
    o = wd_calloc(1, size);
  }
  if (!o)
    return NULL;
  o->kind = kind;
  if (!tab_insert(&h->objs, o)) {
    wd_free(o);
    return NULL;
  }
  uintptr_t a = (uintptr_t)o;
  if (h->objs.n == 1 || a < h->lo)
    h->lo = a;
  if (a > h->hi)
    h->hi = a;
  h->bytes += size;
  h->since += size;
  if (h->bytes > h->peak_bytes)
    h->peak_bytes = h->bytes;
  h->allocated++;
  return o;
}

wd_gcobj_t *wd_gc_new_struct(ward_store_t *s, const wd_rtt_t *rtt, wd_cell_t *top) {
  wd_gcobj_t *o = wd_gc_alloc(s, WD_GC_STRUCT, sizeof *o + rtt->size, top);
  if (o)
    o->rtt = rtt;
  return o;
}

wd_gcobj_t *wd_gc_new_array(ward_store_t *s, const wd_rtt_t *rtt, uint32_t len, wd_cell_t *top) {
  uint64_t bytes = (uint64_t)len * rtt->size;
  if (bytes > (uint64_t)(SIZE_MAX / 2))
    return NULL;
  wd_gcobj_t *o = wd_gc_alloc(s, WD_GC_ARRAY, sizeof *o + (size_t)bytes, top);
  if (o) {
    o->rtt = rtt;
    o->len = len;
  }
  return o;
}

// ---- marking ----------------------------------------------------------------------

// Marks object o and queues it for tracing.
static void mark_obj(wd_gcheap_t *h, wd_gcobj_t *o) {
  if (o->kind & MARK)
    return;
  o->kind |= MARK;
  if (h->nmark == h->capmark &&
      wd_grow((void **)&h->mark, &h->capmark, h->nmark + 1, sizeof *h->mark) != 0) {
    // No room to queue it: it stays marked but untraced, and the heap is
    // scanned for such objects once the stack is empty (drain).
    h->overflow = true;
    return;
  }
  h->mark[h->nmark++] = o;
}

// Marks the object reference r points to, if it is one (not NULL, not an
// i31, an address of the heap): for cells whose type is not known.
static void mark_ref(wd_gcheap_t *h, void *r) {
  wd_gcobj_t *o = obj_at(h, (uintptr_t)r);
  if (o)
    mark_obj(h, o);
}

// Marks what a reference of the any, extern or exn hierarchy refers to:
// null, an i31, or an object of the heap (by the heap's invariant, no
// look-up needed).
static void mark_typed(wd_gcheap_t *h, void *r) {
  if (r && !wd_ref_is_i31(r))
    mark_obj(h, (wd_gcobj_t *)r);
}

static void *load_ref(const uint8_t *p) {
  void *r;
  memcpy(&r, p, sizeof r);
  return r;
}

// Marks what object o refers to: a struct's reference fields, an array's
// elements if they are references, an exception's value cells (any cell
// that holds an object's address: they are not typed here). Boxes hold
// none.
static void trace(wd_gcheap_t *h, const wd_gcobj_t *o) {
  const uint8_t *p = (const uint8_t *)o + sizeof *o;
  switch (wd_gc_kind(o)) {
  case WD_GC_STRUCT:
    for (uint32_t k = 0; k < o->rtt->nrefs; k++)
      mark_typed(h, load_ref(p + o->rtt->ref_offsets[k]));
    break;
  case WD_GC_ARRAY:
    if (o->rtt->elem_ref)
      for (uint32_t i = 0; i < o->len; i++)
        mark_typed(h, load_ref(p + (size_t)i * o->rtt->size));
    break;
  case WD_GC_EXN: {
    const ward_exn_t *e = (const ward_exn_t *)o;
    for (uint32_t i = 0; i < e->ncells; i++)
      mark_ref(h, e->vals[i].ref);
    break;
  }
  default: break;
  }
}

// Traces the queued objects until none is left; after an overflow, traces
// every marked object again (those it could not queue among them) until a
// pass completes without one. No recursion: a long list takes a queue, not
// the C stack.
static void drain(wd_gcheap_t *h) {
  for (;;) {
    while (h->nmark)
      trace(h, h->mark[--h->nmark]);
    if (!h->overflow)
      return;
    h->overflow = false;
    for (size_t i = 0; i < h->objs.cap; i++) {
      wd_gcobj_t *o = h->objs.slots[i];
      if (o && o != TOMB && (o->kind & MARK)) {
        trace(h, o);
        while (h->nmark)
          trace(h, h->mark[--h->nmark]);
      }
    }
  }
}

// Whether values of type t (of module m) may be heap objects: references
// outside the func hierarchy.
static bool may_hold_obj(const wd_module_t *m, wd_vt_t t) {
  if (!wd_valtype_is_ref(t))
    return false;
  uint32_t ht = wd_vt_heap(t);
  if (ht == WD_HT_FUNC || ht == WD_HT_NOFUNC)
    return false;
  if (ht >= WD_HT_IDX)
    return m && wd_type_comp(m, ht - WD_HT_IDX) != WD_COMP_FUNC;
  return true;
}

static void mark_roots(ward_store_t *s, wd_cell_t *top) {
  wd_gcheap_t *h = &s->gc;
  for (ward_global_t *g = s->globals; g; g = g->next)
    if (may_hold_obj(g->tm, g->type.type))
      mark_typed(h, g->val[0].ref);
  for (ward_table_t *t = s->tables; t; t = t->next)
    if (may_hold_obj(t->tm, t->type.elem))
      for (uint64_t i = 0; i < t->size; i++)
        mark_typed(h, t->elems[i]);
  // Element segments hold functions or references of their declared type:
  // each entry is tested.
  for (ward_instance_t *in = s->instances; in; in = in->next)
    if (in->elems)
      for (uint32_t k = 0; k < in->m->nelems; k++)
        for (uint32_t i = 0; i < in->elems[k].n; i++)
          mark_ref(h, in->elems[k].refs[i]);
  for (size_t i = 0; i < h->nroots; i++)
    mark_ref(h, h->roots[i]);
  for (ward_trap_t *t = h->traps; t; t = t->gc_next)
    mark_ref(h, t->exn);
  // The value stack, conservatively: numbers that look like an object's
  // address keep it too, which costs memory, never correctness.
  if (top && top > s->stack && top <= s->stack_end)
    for (const wd_cell_t *c = s->stack; c < top; c++)
      mark_ref(h, c->ref);
  drain(h);
}

// ---- sweeping ---------------------------------------------------------------------

static void free_obj(wd_gcheap_t *h, wd_gcobj_t *o) {
  uint32_t kind = wd_gc_kind(o);
  if (kind == WD_GC_HOST)
    tab_remove(&h->host_boxes, o);
  else if (kind == WD_GC_I31BOX)
    tab_remove(&h->i31_boxes, o);
  size_t size = obj_size(o);
  h->bytes -= size;
  h->freed++;
  if (!spare_put(h, o, size))
    wd_free(o);
}

// Frees the unmarked objects and unmarks the others.
static void sweep(wd_gcheap_t *h) {
  for (size_t i = 0; i < h->objs.cap; i++) {
    wd_gcobj_t *o = h->objs.slots[i];
    if (!o || o == TOMB)
      continue;
    if (o->kind & MARK) {
      o->kind &= ~MARK;
      continue;
    }
    h->objs.slots[i] = TOMB;
    h->objs.n--;
    free_obj(h, o);
  }
  tab_tidy(&h->objs);
  tab_tidy(&h->host_boxes);
  tab_tidy(&h->i31_boxes);
}

void wd_gc_collect(ward_store_t *s, wd_cell_t *top) {
  wd_gcheap_t *h = &s->gc;
  // Under a host call, wasm code called by the host function scans from
  // its own frames down, and the frames of the host call's caller may
  // reach higher: scan up to the higher of the two.
  if (top && h->host_top > top)
    top = h->host_top;
  mark_roots(s, top);
  sweep(h);
  h->collections++;
  h->since = 0;
  h->live_after = h->bytes;
  // The mark stack's room is kept for the next collection, unless large.
  if (h->capmark > 4096) {
    wd_free(h->mark);
    h->mark = NULL;
    h->capmark = 0;
  }
}

void wd_gc_maybe_collect(ward_store_t *s, wd_cell_t *top) {
  if (top && over_trigger(&s->gc, 0))
    wd_gc_collect(s, top);
}

void wd_gc_free_all(ward_store_t *s) {
  wd_gcheap_t *h = &s->gc;
  for (size_t i = 0; i < h->objs.cap; i++) {
    wd_gcobj_t *o = h->objs.slots[i];
    if (o && o != TOMB)
      wd_free(o);
  }
  // Traps outliving the store lose their exception.
  for (ward_trap_t *t = h->traps, *n; t; t = n) {
    n = t->gc_next;
    t->exn = NULL;
    t->store = NULL;
    t->gc_prev = t->gc_next = NULL;
  }
  for (size_t c = 0; c < WD_GC_SPARE_CLASSES; c++)
    for (wd_gcobj_t *o = h->spare[c], *next; o; o = next) {
      next = spare_next(o);
      wd_free(o);
    }
  tab_free(&h->objs);
  tab_free(&h->host_boxes);
  tab_free(&h->i31_boxes);
  wd_free(h->mark);
  wd_free(h->roots);
  memset(h, 0, sizeof *h);
}

// ---- references crossing to and from the host --------------------------------------

bool wd_gc_root(ward_store_t *s, void *r) {
  wd_gcheap_t *h = &s->gc;
  if (!r || wd_ref_is_i31(r))
    return true;
  if (h->nroots == h->caproots &&
      wd_grow((void **)&h->roots, &h->caproots, h->nroots + 1, sizeof *h->roots) != 0)
    return false;
  h->roots[h->nroots++] = r;
  return true;
}

// The box of kind `kind` holding p in table t, made if there is none (in
// the heap, never collecting). NULL if out of memory.
static wd_gcobj_t *box(ward_store_t *s, wd_objtab_t *t, uint32_t kind, void *p) {
  wd_gcobj_t **slot = tab_find(t, (uintptr_t)p);
  if (slot)
    return *slot;
  wd_gcobj_t *o = wd_gc_alloc(s, kind, sizeof *o + sizeof p, NULL);
  if (!o)
    return NULL;
  memcpy(WD_GC_PAYLOAD(o), &p, sizeof p);
  if (!tab_insert(t, o))
    return NULL; // collected with the rest of the garbage
  return o;
}

bool wd_gc_extern_in(ward_store_t *s, void *p, void **out) {
  wd_gcobj_t *o = p ? obj_at(&s->gc, (uintptr_t)p) : NULL;
  if (!p) {
    *out = NULL;
  } else if (o) {
    *out = wd_gc_kind(o) == WD_GC_I31BOX ? (void *)payload_ptr(o) : p;
  } else {
    o = box(s, &s->gc.host_boxes, WD_GC_HOST, p);
    if (!o)
      return false;
    *out = o;
  }
  return true;
}

bool wd_gc_extern_out(ward_store_t *s, void *r, void **out) {
  *out = NULL;
  if (!r)
    return true;
  wd_gcobj_t *o;
  if (wd_ref_is_i31(r)) {
    o = box(s, &s->gc.i31_boxes, WD_GC_I31BOX, r);
    if (!o)
      return false;
  } else {
    o = r;
    if (wd_gc_kind(o) == WD_GC_HOST) {
      *out = (void *)payload_ptr(o);
      return true;
    }
  }
  if (!wd_gc_root(s, o))
    return false;
  *out = o;
  return true;
}

bool wd_gc_any_in(ward_store_t *s, void *r, void **out) {
  wd_gcobj_t *o = r && !wd_ref_is_i31(r) ? obj_at(&s->gc, (uintptr_t)r) : NULL;
  if (r && !wd_ref_is_i31(r) && (!o || wd_gc_kind(o) == WD_GC_EXN))
    return false;
  *out = o && wd_gc_kind(o) == WD_GC_I31BOX ? (void *)payload_ptr(o) : r;
  return true;
}

// ---- the public API ---------------------------------------------------------------

size_t ward_store_roots_enter(ward_store_t *store) { return store->gc.nroots; }

void ward_store_roots_leave(ward_store_t *store, size_t mark) {
  if (mark < store->gc.nroots)
    store->gc.nroots = mark;
}

void ward_store_gc(ward_store_t *store) {
  // Inside a host function, the frames of the wasm code that called it
  // lie below the top of its caller's frame (host_top, which
  // wd_gc_collect takes); otherwise there are none (sp is the bottom).
  wd_gc_collect(store, store->sp);
}

void ward_store_gc_stats(const ward_store_t *store, ward_gc_stats_t *out) {
  const wd_gcheap_t *h = &store->gc;
  memset(out, 0, sizeof *out);
  out->objects = h->objs.n;
  out->bytes = h->bytes;
  out->peak_bytes = h->peak_bytes;
  out->collections = h->collections;
  out->allocated = h->allocated;
  out->freed = h->freed;
  out->roots = h->nroots;
}

ward_anyref_kind_t ward_anyref_kind(const void *ref) {
  if (!ref)
    return WARD_ANYREF_NULL;
  if (wd_ref_is_i31(ref))
    return WARD_ANYREF_I31;
  switch (wd_gc_kind(ref)) {
  case WD_GC_STRUCT: return WARD_ANYREF_STRUCT;
  case WD_GC_ARRAY: return WARD_ANYREF_ARRAY;
  default: return WARD_ANYREF_HOST;
  }
}

void *ward_anyref_i31(int32_t value) { return wd_i31_new((uint32_t)value); }
bool ward_anyref_is_i31(const void *ref) { return wd_ref_is_i31(ref); }
int32_t ward_anyref_i31_get_s(const void *ref) {
  return wd_ref_is_i31(ref) ? wd_i31_get_s(ref) : 0;
}
uint32_t ward_anyref_i31_get_u(const void *ref) {
  return wd_ref_is_i31(ref) ? wd_i31_get_u(ref) : 0;
}

void *ward_anyref_from_host(ward_store_t *store, void *host) {
  void *r;
  if (!wd_gc_extern_in(store, host, &r) || !wd_gc_root(store, r))
    return NULL;
  return r;
}

void *ward_anyref_host_ptr(const void *ref) {
  if (!ref || wd_ref_is_i31(ref) || wd_gc_kind(ref) != WD_GC_HOST)
    return NULL;
  return (void *)payload_ptr(ref);
}
