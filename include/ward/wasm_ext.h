// SPDX-License-Identifier: Apache-2.0
// ward: what a wasm.h program may use of ward beyond the standard API: the
// ward objects behind wasm.h's (so that ward's settings and store
// functions apply to them), error messages, the value and extern kinds
// wasm.h has no name for, and WASI. No header of the standard set
// includes this one.
#ifndef WARD_WASM_EXT_H
#define WARD_WASM_EXT_H

#include "ward.h"
#include "wasm.h"

#ifdef __cplusplus
extern "C" {
#endif

// Value kinds of types wasm.h has no name for, as ward reports them in
// value types (reflection) and the kind of wasm_global_get's value. Values
// of these kinds cannot cross the API: a call of a function with such a
// parameter or result returns a trap saying so.
enum ward_wasm_valkind {
  WARD_WASM_V128 = 4,     // v128 (the number other engines give it too)
  WARD_WASM_ANYREF = 130, // references of the any hierarchy (GC): eqref, structref, ...
  WARD_WASM_EXNREF = 131, // exception references
};

// The extern kind of an exception tag (exception handling): exports and
// imports of tags have it, and such an extern may be passed as an import.
#define WARD_WASM_EXTERN_TAG ((wasm_externkind_t)4)

// The ward configuration inside a wasm.h config: set its fields (ward's
// defaults are already there) before wasm_engine_new_with_config.
//
//   wasm_config_t *config = wasm_config_new();
//   ward_wasm_config(config)->eager_compile = true;
//   wasm_engine_t *engine = wasm_engine_new_with_config(config);
WARD_API ward_config_t *ward_wasm_config(wasm_config_t *config);

// The ward objects behind wasm.h's, owned by them. Through the store, the
// ward_store_* functions (limits, fuel, interruption, the collector) apply
// to a wasm.h store.
WARD_API ward_engine_t *ward_wasm_engine(wasm_engine_t *engine);
WARD_API ward_store_t *ward_wasm_store(wasm_store_t *store);
WARD_API const ward_module_t *ward_wasm_module(const wasm_module_t *module);
WARD_API ward_instance_t *ward_wasm_instance(const wasm_instance_t *instance);
// The ward extern of a wasm.h extern (function, global, table, memory,
// tag); false for NULL.
WARD_API bool ward_wasm_extern(const wasm_extern_t *ext, ward_extern_t *out);
// The ward trap behind a wasm.h trap (its code, exit status, exception),
// owned by it; NULL once the trap's store has been deleted, and for the
// trap wasm.h returns when it runs out of memory.
WARD_API const ward_trap_t *ward_wasm_trap(const wasm_trap_t *trap);

// wasm_module_new with the reason it fails: NULL and *out set, or an
// error (malformed, invalid, with the spec's message and byte offset).
WARD_API ward_error_t *ward_wasm_module_new(wasm_store_t *store, const wasm_byte_vec_t *binary,
                                            wasm_module_t **out);
// wasm_module_deserialize with the reason it fails (ward_module_deserialize:
// not a blob, made by another build of ward or for other features, or
// corrupt).
WARD_API ward_error_t *ward_wasm_module_deserialize(wasm_store_t *store,
                                                    const wasm_byte_vec_t *bytes,
                                                    wasm_module_t **out);

// ---- WASI ------------------------------------------------------------------------
// WASI preview1 for a wasm.h store, configured with ward_wasi_config_t
// (ward/wasi.h):
//
//   ward_wasi_config_t *cfg = ward_wasi_config_new();
//   ward_wasi_config_set_args(cfg, argc, argv);
//   ward_wasi_wasm_t *wasi;
//   ward_error_t *err = ward_wasi_wasm_new(store, cfg, &wasi);
//   ward_wasi_config_delete(cfg);
//   wasm_extern_vec_t imports;
//   err = ward_wasi_wasm_imports(wasi, module, &imports);
//   ... fill any NULL entries (the module's other imports) ...
//   wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
//   int status;
//   err = ward_wasi_wasm_run(wasi, instance, &status, &trap);
//   wasm_extern_vec_delete(&imports);
typedef struct ward_wasi_wasm ward_wasi_wasm_t;

// WASI state for instances of `store`, from cfg (which may be deleted
// afterwards). It belongs to the store: wasm_store_delete closes the
// descriptors the guest still holds and frees it.
WARD_API ward_error_t *ward_wasi_wasm_new(wasm_store_t *store, const ward_wasi_config_t *cfg,
                                          ward_wasi_wasm_t **out);
// The import vector for `module` (same engine as the store): for each
// import of wasi_snapshot_preview1 or wasi_unstable the WASI function,
// NULL for the module's other imports, which the caller fills in with
// references it hands to the vector. An error (and an empty vector) if the
// module imports a WASI function the configuration withholds or that does
// not exist ("unknown import M::N"). The caller owns the vector.
WARD_API ward_error_t *ward_wasi_wasm_imports(ward_wasi_wasm_t *wasi, const wasm_module_t *module,
                                              wasm_extern_vec_t *out);
// Runs the instance's `_start` (an instance made with the imports above).
// *status is 0 when _start returns, the code the guest passed to
// proc_exit when it exits; on a trap *trap receives it (the caller owns
// it) and *status is 134. An error if the instance has no `_start` that
// takes and returns nothing.
WARD_API ward_error_t *ward_wasi_wasm_run(ward_wasi_wasm_t *wasi, const wasm_instance_t *instance,
                                          int *status, wasm_trap_t **trap);

#ifdef __cplusplus
}
#endif
#endif
