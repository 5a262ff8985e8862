// SPDX-License-Identifier: Apache-2.0
// ward: instances, and the linker that resolves imports by name.
#ifndef WARD_INSTANCE_H
#define WARD_INSTANCE_H

#include "ward/common.h"
#include "ward/extern.h"

#ifdef __cplusplus
extern "C" {
#endif

// Instantiates `module` in `store` with `imports` in the module's import
// order. Outcomes: success; an error (UNLINKABLE: wrong count or type,
// "incompatible import type"; RESOURCE); or a trap while initializing
// segments or running the start function (*trap set; the error returned is
// NULL). On a trap the partly initialized instance is not returned.
WARD_API ward_error_t *ward_instance_new(ward_store_t *store, const ward_module_t *module,
                                         const ward_extern_t *imports, size_t nimports,
                                         ward_instance_t **out, ward_trap_t **trap);

// The export named `name`; false if there is none.
WARD_API bool ward_instance_export(const ward_instance_t *inst, const char *name, size_t len,
                                   ward_extern_t *out);
WARD_API size_t ward_instance_export_count(const ward_instance_t *inst);
WARD_API void ward_instance_export_nth(const ward_instance_t *inst, size_t i, const char **name,
                                       size_t *len, ward_extern_t *out);

// A linker maps (module name, item name) to externs.
WARD_API ward_linker_t *ward_linker_new(ward_engine_t *engine);
WARD_API void ward_linker_delete(ward_linker_t *l);
// Defines or redefines one item.
WARD_API ward_error_t *ward_linker_define(ward_linker_t *l, const char *module, size_t mlen,
                                          const char *name, size_t nlen, const ward_extern_t *item);
// The item defined as (module, name): false if there is none, or if the
// host withholds it (a WASI function of a group not granted).
WARD_API bool ward_linker_get(const ward_linker_t *l, const char *module, size_t mlen,
                              const char *name, size_t nlen, ward_extern_t *out);
// Defines every export of `inst` under the module name `module`.
WARD_API ward_error_t *ward_linker_define_instance(ward_linker_t *l, const char *module,
                                                   size_t mlen, const ward_instance_t *inst);
// Resolves the module's imports ("unknown import" if one is missing,
// "incompatible import type" if one does not match) and instantiates it.
WARD_API ward_error_t *ward_linker_instantiate(ward_linker_t *l, ward_store_t *store,
                                               const ward_module_t *module, ward_instance_t **out,
                                               ward_trap_t **trap);

#ifdef __cplusplus
}
#endif
#endif
