// SPDX-License-Identifier: Apache-2.0
// The `spectest` host module, defined as in the spec's reference interpreter
// (interpreter/host/spectest.ml in WebAssembly/spec).
#include "cli_spectest.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define SPECTEST "spectest"

// A print function's env points at one of these: whether to print.
static bool quiet_flag = false;
static bool verbose_flag = true;

static ward_trap_t *print_cb(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                             ward_val_t *results, size_t nresults) {
  (void)caller;
  (void)results;
  (void)nresults;
  const bool *verbose = env;
  if (verbose == NULL || !*verbose)
    return NULL;
  printf("spectest.print(");
  for (size_t i = 0; i < nargs; i++) {
    if (i > 0)
      printf(", ");
    switch (args[i].kind) {
    case WARD_I32: printf("i32:%" PRId32, args[i].of.i32); break;
    case WARD_I64: printf("i64:%" PRId64, args[i].of.i64); break;
    case WARD_F32: printf("f32:%g", (double)args[i].of.f32); break;
    case WARD_F64: printf("f64:%g", args[i].of.f64); break;
    default: printf("%s", ward_valkind_name(args[i].kind)); break;
    }
  }
  printf(")\n");
  return NULL;
}

// Defines `ext` as spectest.<name>. On failure, writes msg and returns false.
static bool define(ward_linker_t *linker, const char *name, ward_extern_t ext, char *msg,
                   size_t msgsize) {
  ward_error_t *err =
      ward_linker_define(linker, SPECTEST, strlen(SPECTEST), name, strlen(name), &ext);
  if (err == NULL)
    return true;
  snprintf(msg, msgsize, "defining spectest.%s: %s", name, ward_error_message(err));
  ward_error_delete(err);
  return false;
}

// Reports a failed creation (err may be NULL: out of memory).
static bool creation_failed(const char *name, ward_error_t *err, char *msg, size_t msgsize) {
  snprintf(msg, msgsize, "creating spectest.%s: %s", name,
           err ? ward_error_message(err) : "out of memory");
  if (err != NULL)
    ward_error_delete(err);
  return false;
}

static bool define_func(ward_linker_t *linker, ward_store_t *store, const char *name,
                        const ward_valkind_t *params, size_t nparams, bool verbose, char *msg,
                        size_t msgsize) {
  ward_functype_t *ft = ward_functype_new(params, nparams, NULL, 0);
  if (ft == NULL)
    return creation_failed(name, NULL, msg, msgsize);
  ward_func_t *f = ward_func_new(store, ft, print_cb, verbose ? &verbose_flag : &quiet_flag, NULL);
  ward_functype_delete(ft);
  if (f == NULL)
    return creation_failed(name, NULL, msg, msgsize);
  ward_extern_t ext;
  ext.kind = WARD_EXTERN_FUNC;
  ext.of.func = f;
  return define(linker, name, ext, msg, msgsize);
}

static bool define_global(ward_linker_t *linker, ward_store_t *store, const char *name,
                          ward_val_t init, char *msg, size_t msgsize) {
  ward_global_t *g = NULL;
  ward_error_t *err = ward_global_new(store, init.kind, false, init, &g);
  if (err != NULL || g == NULL)
    return creation_failed(name, err, msg, msgsize);
  ward_extern_t ext;
  ext.kind = WARD_EXTERN_GLOBAL;
  ext.of.global = g;
  return define(linker, name, ext, msg, msgsize);
}

bool wd_cli_spectest_define(ward_linker_t *linker, ward_store_t *store, bool verbose, char *msg,
                            size_t msgsize) {
  static const ward_valkind_t p_i32[] = {WARD_I32};
  static const ward_valkind_t p_i64[] = {WARD_I64};
  static const ward_valkind_t p_f32[] = {WARD_F32};
  static const ward_valkind_t p_f64[] = {WARD_F64};
  static const ward_valkind_t p_i32_f32[] = {WARD_I32, WARD_F32};
  static const ward_valkind_t p_f64_f64[] = {WARD_F64, WARD_F64};
  static const struct {
    const char *name;
    const ward_valkind_t *params;
    size_t nparams;
  } funcs[] = {
      {"print", NULL, 0},
      {"print_i32", p_i32, 1},
      {"print_i64", p_i64, 1},
      {"print_f32", p_f32, 1},
      {"print_f64", p_f64, 1},
      {"print_i32_f32", p_i32_f32, 2},
      {"print_f64_f64", p_f64_f64, 2},
  };
  for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++) {
    if (!define_func(linker, store, funcs[i].name, funcs[i].params, funcs[i].nparams, verbose, msg,
                     msgsize))
      return false;
  }

  ward_val_t v;
  memset(&v, 0, sizeof v);
  v.kind = WARD_I32;
  v.of.i32 = 666;
  if (!define_global(linker, store, "global_i32", v, msg, msgsize))
    return false;
  memset(&v, 0, sizeof v);
  v.kind = WARD_I64;
  v.of.i64 = 666;
  if (!define_global(linker, store, "global_i64", v, msg, msgsize))
    return false;
  memset(&v, 0, sizeof v);
  v.kind = WARD_F32;
  v.of.f32 = 666.6f;
  if (!define_global(linker, store, "global_f32", v, msg, msgsize))
    return false;
  memset(&v, 0, sizeof v);
  v.kind = WARD_F64;
  v.of.f64 = 666.6;
  if (!define_global(linker, store, "global_f64", v, msg, msgsize))
    return false;

  ward_extern_t ext;
  memset(&v, 0, sizeof v);
  v.kind = WARD_FUNCREF;
  v.of.funcref = NULL;
  ward_table_t *table = NULL;
  ward_error_t *err = ward_table_new(store, WARD_FUNCREF, 10, 20, v, &table);
  if (err != NULL || table == NULL)
    return creation_failed("table", err, msg, msgsize);
  ext.kind = WARD_EXTERN_TABLE;
  ext.of.table = table;
  if (!define(linker, "table", ext, msg, msgsize))
    return false;
  // Wasm 3.0's spectest also has a 64-bit table (memory64).
  table = NULL;
  err = ward_table_new64(store, WARD_FUNCREF, 10, 20, v, &table);
  if (err != NULL || table == NULL)
    return creation_failed("table64", err, msg, msgsize);
  ext.of.table = table;
  if (!define(linker, "table64", ext, msg, msgsize))
    return false;

  ward_memory_t *mem = NULL;
  err = ward_memory_new(store, 1, 2, &mem);
  if (err != NULL || mem == NULL)
    return creation_failed("memory", err, msg, msgsize);
  ext.kind = WARD_EXTERN_MEMORY;
  ext.of.memory = mem;
  return define(linker, "memory", ext, msg, msgsize);
}
