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

WARD_API size_t ward_module_import_count(const ward_module_t *m);
WARD_API void ward_module_import(const ward_module_t *m, size_t i, ward_importdesc_t *out);
WARD_API size_t ward_module_export_count(const ward_module_t *m);
WARD_API void ward_module_export(const ward_module_t *m, size_t i, ward_exportdesc_t *out);

#ifdef __cplusplus
}
#endif
#endif
