// SPDX-License-Identifier: Apache-2.0
// Canonical defined types (Wasm 3.0 GC): one wd_rtt_t per distinct defined
// type in an engine. Two modules whose recursive type groups are the same
// (iso-recursive equivalence) get the same wd_rtt_t pointers, so type
// identity across modules is pointer identity, and subtyping is a look-up
// in the supertype display (`supers`).
#ifndef WD_IR_RTT_H
#define WD_IR_RTT_H

#include <stdbool.h>
#include <stdint.h>

#include "ir/module.h"

typedef struct wd_rtt {
  uint8_t comp; // WD_COMP_FUNC, WD_COMP_STRUCT or WD_COMP_ARRAY
  bool final;
  // The supertype chain: supers[0] the root, ..., supers[depth] this type.
  uint32_t depth;
  const struct wd_rtt **supers;
  // Layout (struct and array). A struct's payload is `size` bytes, field k
  // at fields[k].offset; an array's elements are `size` bytes each.
  uint32_t nfields;
  wd_field_t *fields; // value types as the first module that made it wrote them
  uint32_t size;
  // Tracing: the byte offsets of a struct's fields that hold references
  // to collected objects (the any, extern and exn hierarchies), and whether
  // an array's elements do.
  uint32_t nrefs;
  uint32_t *ref_offsets;
  bool elem_ref;
  // Function types: the signature.
  wd_functype_t func;
  // The registry's own.
  uint64_t serial;      // unique in its registry, from 1
  struct wd_rtt *group; // first type of its recursive group
  uint32_t group_len;
  struct wd_rtt *next; // hash chain (group heads only)
  uint64_t hash;
  uint64_t *key; // group heads: the group's structural key
  uint32_t nkey;
} wd_rtt_t;

// Whether a is b or declares it (directly or not) as a supertype.
static inline bool wd_rtt_sub(const wd_rtt_t *a, const wd_rtt_t *b) {
  return a == b || (a->depth > b->depth && a->supers[b->depth] == b);
}

typedef struct wd_rtt_registry wd_rtt_registry_t;

wd_rtt_registry_t *wd_rtt_registry_new(void);
void wd_rtt_registry_free(wd_rtt_registry_t *r);

// The two calls below may run on several threads at once for one registry
// (they take its lock); the types they return never change.

// Gives every type of m its canonical wd_rtt_t (m->rtts), creating those
// r lacks. Types must have been checked to refer only to known indices
// (and supertypes to earlier ones). False if out of memory.
bool wd_rtt_canon_module(wd_rtt_registry_t *r, wd_module_t *m);

// The canonical type of a function type made outside any module (host
// functions, tags): a recursive group of its own, final, no supertype.
// Its value types may not refer to type indices. NULL if out of memory.
const wd_rtt_t *wd_rtt_of_functype(wd_rtt_registry_t *r, const wd_functype_t *ft);

#endif
