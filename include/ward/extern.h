// SPDX-License-Identifier: Apache-2.0
// ward: memories, tables, globals, and the extern union over all four kinds.
#ifndef WARD_EXTERN_H
#define WARD_EXTERN_H

#include "ward/common.h"
#include "ward/module.h"

#ifdef __cplusplus
extern "C" {
#endif

struct ward_extern {
  ward_externkind_t kind;
  union {
    ward_func_t *func;
    ward_table_t *table;
    ward_memory_t *memory;
    ward_global_t *global;
    ward_tag_t *tag;
  } of;
};

#define WARD_NO_MAX UINT64_MAX

// Memories, in 64 KiB pages. max_pages may be WARD_NO_MAX.
WARD_API ward_error_t *ward_memory_new(ward_store_t *store, uint64_t min_pages, uint64_t max_pages,
                                       ward_memory_t **out);
WARD_API uint8_t *ward_memory_data(const ward_memory_t *mem);
WARD_API size_t ward_memory_size(const ward_memory_t *mem); // in bytes
WARD_API uint64_t ward_memory_pages(const ward_memory_t *mem);
// Grows by delta pages; false (nothing changed) if it cannot.
WARD_API bool ward_memory_grow(ward_memory_t *mem, uint64_t delta, uint64_t *old_pages);
// A 64-bit memory (memory64): modules address it with i64 values, and
// import it as `(memory i64 ...)`. Its limits may reach 2^48 pages; its
// size is still capped by the engine's max_memory_pages.
WARD_API ward_error_t *ward_memory_new64(ward_store_t *store, uint64_t min_pages,
                                         uint64_t max_pages, ward_memory_t **out);
WARD_API bool ward_memory_is64(const ward_memory_t *mem);

// Tables of funcref, externref or anyref, filled with `init`. A reference
// ward_table_get hands out is rooted (ward/gc.h); ward_table_set and
// ward_table_grow fail (false) for an anyref not of the table's store, or
// out of memory boxing an externref.
WARD_API ward_error_t *ward_table_new(ward_store_t *store, ward_valkind_t elem, uint64_t min,
                                      uint64_t max, ward_val_t init, ward_table_t **out);
WARD_API uint64_t ward_table_size(const ward_table_t *t);
WARD_API bool ward_table_get(const ward_table_t *t, uint64_t i, ward_val_t *out);
WARD_API bool ward_table_set(ward_table_t *t, uint64_t i, ward_val_t v);
WARD_API bool ward_table_grow(ward_table_t *t, uint64_t delta, ward_val_t init, uint64_t *old);
// A 64-bit table (memory64): indexed with i64 values, imported as
// `(table i64 ...)`.
WARD_API ward_error_t *ward_table_new64(ward_store_t *store, ward_valkind_t elem, uint64_t min,
                                        uint64_t max, ward_val_t init, ward_table_t **out);
WARD_API bool ward_table_is64(const ward_table_t *t);

// Tags: the types of an exception's values. Two tags are the same only if
// they are the same object (importing one shares it).
WARD_API ward_error_t *ward_tag_new(ward_store_t *store, const ward_valkind_t *params,
                                    size_t nparams, ward_tag_t **out);
WARD_API size_t ward_tag_param_count(const ward_tag_t *tag);
WARD_API ward_valkind_t ward_tag_param(const ward_tag_t *tag, size_t i);
// Globals. An immutable global of a reference kind made with a non-null
// value has the non-nullable type ((ref extern), (ref any), ...), which
// matches imports of that type and of the nullable one.
WARD_API ward_error_t *ward_global_new(ward_store_t *store, ward_valkind_t kind, bool mutable_,
                                       ward_val_t init, ward_global_t **out);
// A reference it hands out is rooted (ward/gc.h); out of memory, a null one.
WARD_API void ward_global_get(const ward_global_t *g, ward_val_t *out);
// False if g is immutable or v's kind differs (or v is an anyref not of
// g's store, or out of memory boxing an externref).
WARD_API bool ward_global_set(ward_global_t *g, ward_val_t v);
WARD_API ward_valkind_t ward_global_kind(const ward_global_t *g);
WARD_API bool ward_global_mutable(const ward_global_t *g);

// The current type of an extern: a table's or memory's min is its size
// now (entries, pages), its max the declared one; a function's type as
// ward_func_type gives it (copied). False if out of memory (then *out is
// cleared). Free it with ward_externtype_clear.
WARD_API bool ward_extern_type(const ward_extern_t *ext, ward_externtype_t *out);

#ifdef __cplusplus
}
#endif
#endif
