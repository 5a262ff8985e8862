// SPDX-License-Identifier: Apache-2.0
// The store's garbage-collected heap (Wasm 3.0 GC): structs, arrays,
// exceptions and boxed host references, and the collector.
//
// References of the any and extern hierarchies share one representation in
// a cell (void *): NULL is null; an odd value is an i31 (WD_I31_*); any
// other value points to a wd_gcobj_t of the store's heap: a struct, an
// array, or a host box (an externref the host passed in, boxed so that a
// host pointer can never be mistaken for an i31 or an object). So
// any.convert_extern and extern.convert_any change nothing. exnref cells
// point to exceptions (struct ward_exn), which are heap objects too.
// funcref cells point to ward_func_t, which the store owns; they are not
// collected.
#ifndef WD_RUNTIME_GC_H
#define WD_RUNTIME_GC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir/rtt.h"
#include "runtime/rt.h"

enum {
  WD_GC_STRUCT = 1,
  WD_GC_ARRAY = 2,
  WD_GC_HOST = 3, // a host's externref: payload one void *
  WD_GC_EXN = 4,  // an exception (struct ward_exn starts with the header)
  // An i31 handed to the host as an externref, boxed so that the host never
  // sees an odd pointer: payload the i31 reference. It never enters a wasm
  // cell: coming back it becomes the i31 again (wd_gc_extern_in).
  WD_GC_I31BOX = 5,
};

// Every heap object starts with this header; the payload follows at
// WD_GC_PAYLOAD (8-byte aligned).
// (The 8-byte alignment pads the 12 bytes of a 32-bit host to 16, so that
// i64, f64 and v128 fields are aligned there too.)
typedef struct wd_gcobj {
  _Alignas(8) const wd_rtt_t *rtt; // struct and array: the object's type; else NULL
  uint32_t kind;                   // WD_GC_*, and the collector's bits above WD_GC_KIND_MASK
  uint32_t len;                    // array: its length
} wd_gcobj_t;
_Static_assert(sizeof(wd_gcobj_t) % 8 == 0, "GC payloads must be 8-byte aligned");
#define WD_GC_KIND_MASK 0xFFu
#define WD_GC_PAYLOAD(o) ((uint8_t *)(o) + sizeof(wd_gcobj_t))
static inline uint32_t wd_gc_kind(const wd_gcobj_t *o) { return o->kind & WD_GC_KIND_MASK; }

// i31 references: the 31-bit value shifted left by one, with bit 0 set.
static inline void *wd_i31_new(uint32_t v) {
  return (void *)(((uintptr_t)(v & 0x7FFFFFFFu) << 1) | 1u);
}
static inline bool wd_ref_is_i31(const void *r) { return ((uintptr_t)r & 1u) != 0; }
static inline uint32_t wd_i31_get_u(const void *r) {
  return (uint32_t)((uintptr_t)r >> 1) & 0x7FFFFFFFu;
}
static inline int32_t wd_i31_get_s(const void *r) {
  uint32_t u = wd_i31_get_u(r);
  return (int32_t)(u << 1) >> 1;
}
// A non-null reference of the any/extern hierarchy that is an object (not
// an i31).
static inline wd_gcobj_t *wd_ref_obj(void *r) {
  return r && !wd_ref_is_i31(r) ? (wd_gcobj_t *)r : NULL;
}

// Allocation. The payload comes zeroed (null references, zero numbers).
// Allocating may collect first; then the roots are the store's (globals,
// tables, element segments, host-held references, live traps' exceptions)
// and every cell of the value stack below `top` (the top of the running
// frame), scanned conservatively: a cell whose value is the address of an
// object keeps it. With top NULL (instantiation, host calls) it does not
// collect. NULL if out of memory, or if the size overflows.
wd_gcobj_t *wd_gc_new_struct(ward_store_t *s, const wd_rtt_t *rtt, wd_cell_t *top);
wd_gcobj_t *wd_gc_new_array(ward_store_t *s, const wd_rtt_t *rtt, uint32_t len, wd_cell_t *top);

// Collects now: frees every object not reachable from the roots (cells
// below top scanned as above, or below the top of the frame of the wasm
// code calling a host function in progress if that is higher; top NULL:
// no value-stack cells at all).
void wd_gc_collect(ward_store_t *s, wd_cell_t *top);

// Whether p is the address of a live object of s's heap.
bool wd_gc_is_obj(const ward_store_t *s, const void *p);

// Frees the whole heap (store deletion).
void wd_gc_free_all(ward_store_t *s);

// An exception: its tag and values. A heap object like the others, kept
// alive by the cells, traps and host scopes that refer to it.
struct ward_exn {
  wd_gcobj_t hdr; // kind WD_GC_EXN, rtt NULL
  ward_tag_t *tag;
  uint32_t ncells;
  wd_cell_t vals[];
};

// Allocates an object of `size` bytes, header included, zeroed but for the
// header's kind; rtt NULL, len 0. May collect first, as wd_gc_new_struct.
// NULL if out of memory.
wd_gcobj_t *wd_gc_alloc(ward_store_t *s, uint32_t kind, size_t size, wd_cell_t *top);

// Collects if the bytes allocated since the last collection call for it
// (the trigger of wd_gc_new_struct), with the roots of wd_gc_collect.
void wd_gc_maybe_collect(ward_store_t *s, wd_cell_t *top);

// References crossing between the host and wasm. Never collect.
//
// An externref entering wasm from host pointer p: NULL stays NULL; p the
// address of a live object of s's heap (one the host got from us) is that
// object, an i31 box the i31 it holds; any other p becomes its host box,
// one per pointer while it lives (so that equal host pointers stay equal
// references). False if out of memory.
bool wd_gc_extern_in(ward_store_t *s, void *p, void **out);
// An externref leaving wasm (reference r of a cell) for the host: NULL; a
// host box's pointer; an object's address (rooted as wd_gc_root does); an
// i31 boxed (rooted). False if out of memory.
bool wd_gc_extern_out(ward_store_t *s, void *r, void **out);
// An anyref the host passes in: NULL, an i31, or a live object of s's heap
// (an i31 box becomes its i31). False for anything else.
bool wd_gc_any_in(ward_store_t *s, void *r, void **out);
// Keeps object r (NULL and i31s are ignored) alive for the host until the
// innermost root scope is left (ward_store_roots_leave). False if out of
// memory.
bool wd_gc_root(ward_store_t *s, void *r);

#endif
