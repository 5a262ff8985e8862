// SPDX-License-Identifier: Apache-2.0
// ward: function types, host functions and calls.
#ifndef WARD_FUNC_H
#define WARD_FUNC_H

#include "ward/common.h"

#ifdef __cplusplus
extern "C" {
#endif

// A function type; NULL if out of memory.
WARD_API ward_functype_t *ward_functype_new(const ward_valkind_t *params, size_t nparams,
                                            const ward_valkind_t *results, size_t nresults);
WARD_API void ward_functype_delete(ward_functype_t *ft);
WARD_API size_t ward_functype_param_count(const ward_functype_t *ft);
WARD_API size_t ward_functype_result_count(const ward_functype_t *ft);
WARD_API ward_valkind_t ward_functype_param(const ward_functype_t *ft, size_t i);
WARD_API ward_valkind_t ward_functype_result(const ward_functype_t *ft, size_t i);
// Whether parameter (result) i is a reference that may be null: false for
// numbers and vectors, and for the non-nullable reference types of typed
// references and GC ((ref func), (ref $t), ...), which a null argument does
// not match.
WARD_API bool ward_functype_param_nullable(const ward_functype_t *ft, size_t i);
WARD_API bool ward_functype_result_nullable(const ward_functype_t *ft, size_t i);

// A host function: returns NULL on success (results filled in, kinds set),
// or a trap (see ward_trap_new) that unwinds the wasm caller.
typedef ward_trap_t *(*ward_host_callback_t)(void *env, ward_caller_t *caller,
                                             const ward_val_t *args, size_t nargs,
                                             ward_val_t *results, size_t nresults);

// A host function in `store` of type `ft` (copied). `finalizer`, if set, is
// called with `env` when the store is deleted.
WARD_API ward_func_t *ward_func_new(ward_store_t *store, const ward_functype_t *ft,
                                    ward_host_callback_t cb, void *env,
                                    void (*finalizer)(void *env));

// The function's type; owned by the function.
WARD_API const ward_functype_t *ward_func_type(const ward_func_t *f);

// Calls f. Three outcomes: success (NULL returned, *trap NULL, results
// filled in); a trap (NULL returned, *trap set); an error (wrong argument
// count or kinds, a store mismatch, or, on a store's first call, no memory
// for its stack: returned, *trap NULL).
WARD_API ward_error_t *ward_func_call(ward_store_t *store, ward_func_t *f, const ward_val_t *args,
                                      size_t nargs, ward_val_t *results, size_t nresults,
                                      ward_trap_t **trap);

// From inside a host callback: the calling instance's export named `name`
// (NULL if none), e.g. its "memory".
WARD_API bool ward_caller_export(ward_caller_t *caller, const char *name, size_t len,
                                 ward_extern_t *out);

#ifdef __cplusplus
}
#endif
#endif
