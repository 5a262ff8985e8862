// SPDX-License-Identifier: Apache-2.0
// ward: modules (decoded, validated and compiled binaries).
#ifndef WARD_MODULE_H
#define WARD_MODULE_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ward_externkind {
  WARD_EXTERN_FUNC = 0,
  WARD_EXTERN_TABLE = 1,
  WARD_EXTERN_MEMORY = 2,
  WARD_EXTERN_GLOBAL = 3,
  WARD_EXTERN_TAG = 4, // an exception tag
} ward_externkind_t;

// Decodes, validates and compiles a binary module. The bytes are copied.
// Returns NULL and sets *out, or returns an error (MALFORMED or INVALID,
// with the spec's message and the byte offset). The whole module is
// validated here; each function is translated to interpreter code on its
// first call, or here for every function when the engine's config has
// eager_compile.
WARD_API ward_error_t *ward_module_new(ward_engine_t *engine, const uint8_t *bytes, size_t size,
                                       ward_module_t **out);
// Frees the module. Its instances use it (its code, its types): delete
// the stores holding them first.
WARD_API void ward_module_delete(ward_module_t *module);

// ---- precompiled modules ------------------------------------------------------
// A module may be saved as a blob that holds its binary and the
// interpreter code of every function, and created again from it without
// validating or translating any function body: a start-up cost of a copy
// and a module-level check, for a cache on disk or a `ward compile`d file.
//
// Trust: a blob is trusted as code is. Only read blobs that
// ward_module_serialize made (or that came from where your program's own
// code comes from): the code in a blob is run as it is, not validated, so
// a crafted blob can make the interpreter do anything. What the reader
// does check: a blob from another build of ward (another version, another
// dispatch or bounds mode, host, compiler...) or for other WebAssembly
// features is refused with an error naming the difference; a checksum
// catches corruption (a truncated file, flipped bits); and every length,
// count and index in a blob is checked before use, so that no blob makes
// the reader itself read out of bounds or crash.

// Writes module as a blob: *out (free it with ward_module_serialized_free)
// of *size bytes. Translates every function not yet translated first, as
// its first call would. Returns NULL, or an error (RESOURCE: out of
// memory) with *out NULL.
WARD_API ward_error_t *ward_module_serialize(const ward_module_t *module, uint8_t **out,
                                             size_t *size);
// Frees a blob of ward_module_serialize; NULL does nothing.
WARD_API void ward_module_serialized_free(uint8_t *blob);
// Creates a module from a blob of ward_module_serialize, as ward_module_new
// would from its binary, with all its code ready: no function is
// translated again. The blob is copied from; the caller keeps it. Returns
// NULL and sets *out, or returns an error (MALFORMED) whose message begins
// "not a serialized ward module", "incompatible module blob: " (made by
// another build of ward, or for other features than engine's: the message
// names the difference) or "corrupt module blob: "; RESOURCE when out of
// memory.
WARD_API ward_error_t *ward_module_deserialize(ward_engine_t *engine, const uint8_t *blob,
                                               size_t size, ward_module_t **out);
// Whether bytes begin as a blob of ward_module_serialize does (its magic
// number; nothing else is checked).
WARD_API bool ward_module_is_serialized(const uint8_t *bytes, size_t size);

// Imports and exports, in module order.
typedef struct ward_importdesc {
  const char *module;
  size_t module_len;
  const char *name;
  size_t name_len;
  ward_externkind_t kind;
} ward_importdesc_t;
typedef struct ward_exportdesc {
  const char *name;
  size_t name_len;
  ward_externkind_t kind;
} ward_exportdesc_t;

// The type of an import or export (ward_module_import_type), or of a live
// extern (ward_extern_type, ward/extern.h).
typedef struct ward_externtype {
  ward_externkind_t kind;
  // FUNC: the function type; TAG: its parameters (no results). A new type
  // the caller owns: ward_externtype_clear frees it. NULL for other kinds.
  ward_functype_t *func;
  // GLOBAL: the value kind and mutability. TABLE: the element kind.
  ward_valkind_t content;
  bool mutable_;
  // TABLE and MEMORY: the limits, in elements or 64 KiB pages; max is
  // UINT64_MAX when there is none. is64 for a 64-bit memory or table.
  uint64_t min, max;
  bool is64;
} ward_externtype_t;

// Frees what *t owns (its function type) and clears it.
WARD_API void ward_externtype_clear(ward_externtype_t *t);

WARD_API size_t ward_module_import_count(const ward_module_t *m);
WARD_API void ward_module_import(const ward_module_t *m, size_t i, ward_importdesc_t *out);
WARD_API size_t ward_module_export_count(const ward_module_t *m);
WARD_API void ward_module_export(const ward_module_t *m, size_t i, ward_exportdesc_t *out);
// The declared type of import i (export i). A reference type that names a
// struct or array type by index reads as WARD_ANYREF, one that names a
// function type as WARD_FUNCREF. False if out of memory (then *out is
// cleared).
WARD_API bool ward_module_import_type(const ward_module_t *m, size_t i, ward_externtype_t *out);
WARD_API bool ward_module_export_type(const ward_module_t *m, size_t i, ward_externtype_t *out);

#ifdef __cplusplus
}
#endif
#endif
