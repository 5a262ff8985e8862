// SPDX-License-Identifier: Apache-2.0
// ward: the store's garbage-collected heap (WebAssembly GC): anyref values,
// the references the host holds, and the collector's counters.
//
// A store's heap holds structs and arrays, exceptions, and boxes for host
// pointers. A collector frees the objects nothing refers to any more: not
// wasm code's globals, tables, element segments or running frames, not a
// trap's exception, and not a reference the host holds. The host holds a
// reference when the store hands it one (a call's results, ward_global_get,
// ward_table_get, ward_trap_exception_args, ward_anyref_from_host, the
// arguments of a host function): it stays valid until the host leaves the
// root scope it was handed out in.
//
// Root scopes nest, last in first out:
//
//   size_t mark = ward_store_roots_enter(store);
//   ward_func_call(store, f, args, n, results, m, &trap); // results rooted
//   ... use results ...
//   ward_store_roots_leave(store, mark); // results may be collected now
//
// A reference handed out outside any scope stays valid until the store is
// deleted. The arguments of a host function are rooted in a scope of the
// call: they stay valid until the host function returns.
#ifndef WARD_GC_H
#define WARD_GC_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

// Opens a root scope: returns its mark for ward_store_roots_leave.
WARD_API size_t ward_store_roots_enter(ward_store_t *store);
// Closes the scope `mark` came from, and any opened after it: the
// references handed out since then are no longer rooted.
WARD_API void ward_store_roots_leave(ward_store_t *store, size_t mark);

// Collects now: frees every object that wasm code and the host no longer
// refer to. (The store also collects by itself as wasm code allocates.)
WARD_API void ward_store_gc(ward_store_t *store);

typedef struct ward_gc_stats {
  uint64_t objects;     // objects in the heap now (garbage not yet collected included)
  uint64_t bytes;       // the bytes they take
  uint64_t peak_bytes;  // the most `bytes` has been
  uint64_t collections; // collections so far
  uint64_t allocated;   // objects allocated so far
  uint64_t freed;       // objects collections freed so far
  uint64_t roots;       // references the host holds (rooted)
} ward_gc_stats_t;
WARD_API void ward_store_gc_stats(const ward_store_t *store, ward_gc_stats_t *out);

// anyref values (ward_val_t.of.anyref; WARD_ANYREF). An anyref is NULL
// (null), an i31 (a 31-bit integer, no allocation), or an object of the
// store's heap: a struct, an array, or a host box (what any.convert_extern
// makes of an externref the host passed in). The functions that read one
// need a reference the host holds (see above), or an i31.
typedef enum ward_anyref_kind {
  WARD_ANYREF_NULL = 0,
  WARD_ANYREF_I31,
  WARD_ANYREF_STRUCT,
  WARD_ANYREF_ARRAY,
  WARD_ANYREF_HOST, // a host box: ward_anyref_host_ptr gives its pointer
} ward_anyref_kind_t;
WARD_API ward_anyref_kind_t ward_anyref_kind(const void *ref);

// The i31 of value's low 31 bits (as ref.i31).
WARD_API void *ward_anyref_i31(int32_t value);
// Whether ref is an i31; its value sign-extended (i31.get_s) or
// zero-extended (i31.get_u); 0 if it is not an i31.
WARD_API bool ward_anyref_is_i31(const void *ref);
WARD_API int32_t ward_anyref_i31_get_s(const void *ref);
WARD_API uint32_t ward_anyref_i31_get_u(const void *ref);

// The anyref wasm code gets from any.convert_extern of host pointer `host`
// passed as an externref: its host box (rooted), or, if `host` is an
// externref the store handed out, what that refers to. NULL if host is
// NULL, or out of memory.
WARD_API void *ward_anyref_from_host(ward_store_t *store, void *host);
// The host pointer a host box holds; NULL for any other anyref.
WARD_API void *ward_anyref_host_ptr(const void *ref);

#ifdef __cplusplus
}
#endif
#endif
