// SPDX-License-Identifier: Apache-2.0
// Exceptions through the public API: a host tag (ward_tag_new) imported by
// a module; a host function that throws a wasm exception
// (ward_trap_new_exception), caught by wasm code or escaping to the caller
// of ward_func_call as a WARD_TRAP_EXCEPTION trap with its tag and values;
// an exception of the module's own (exported) tag escaping; a host
// function passing on the exception of a wasm function it called, which
// the wasm code around it then catches; an exnref result; lazy and eager.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"
#include "check.h"
#include "wat_main.h"

static const char k_wat[] =
    "(module\n"
    "  (import \"env\" \"t\" (tag $t (param i32 i64)))\n"
    "  (import \"env\" \"h\" (func $h (param i32)))\n"
    "  (import \"env\" \"reenter\" (func $reenter (param i32)))\n"
    "  (tag $own (export \"own\") (param i32))\n"
    "  (func (export \"catch_h\") (param i32) (result i32 i64)\n"
    "    (block $c (result i32 i64)\n"
    "      (try_table (catch $t $c) (call $h (local.get 0)))\n"
    "      (i32.const -1) (i64.const -1)))\n"
    "  (func (export \"pass_h\") (param i32) (call $h (local.get 0)))\n"
    "  (func (export \"throw_own\") (param i32) (throw $own (local.get 0)))\n"
    "  (func (export \"catch_reenter\") (param i32) (result i32)\n"
    "    (block $c (result i32)\n"
    "      (try_table (catch $own $c) (call $reenter (local.get 0)))\n"
    "      (i32.const -1)))\n"
    "  (func (export \"get_ref\") (result exnref)\n"
    "    (block $c (result exnref)\n"
    "      (try_table (catch_all_ref $c) (throw $own (i32.const 5)))\n"
    "      (ref.null exn)))\n"
    ")\n";

static ward_store_t *g_store;
static ward_tag_t *g_tag;
static ward_func_t *g_throw_own;

// h(x): throws tag t with (x, 2x) unless x is 0.
static ward_trap_t *host_h(void *env, ward_caller_t *caller, const ward_val_t *args, size_t nargs,
                           ward_val_t *results, size_t nresults) {
  (void)env, (void)caller, (void)results, (void)nresults;
  if (nargs != 1 || args[0].of.i32 == 0)
    return NULL;
  ward_val_t v[2] = {{.kind = WARD_I32}, {.kind = WARD_I64}};
  v[0].of.i32 = args[0].of.i32;
  v[1].of.i64 = 2 * (int64_t)args[0].of.i32;
  return ward_trap_new_exception(g_store, g_tag, v, 2);
}

// reenter(x): calls the module's throw_own(x) and passes its trap on.
static ward_trap_t *host_reenter(void *env, ward_caller_t *caller, const ward_val_t *args,
                                 size_t nargs, ward_val_t *results, size_t nresults) {
  (void)env, (void)caller, (void)nargs, (void)results, (void)nresults;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_func_call(g_store, g_throw_own, args, 1, NULL, 0, &trap);
  if (err) {
    ward_error_delete(err);
    return ward_trap_new("call failed");
  }
  return trap;
}

static ward_func_t *export_func(ward_instance_t *inst, const char *name) {
  ward_extern_t ex;
  if (!ward_instance_export(inst, name, strlen(name), &ex) || ex.kind != WARD_EXTERN_FUNC)
    return NULL;
  return ex.of.func;
}

static void run(const uint8_t *bytes, size_t n, bool eager) {
  wat_env_t w;
  bool loaded = wat_env_open(&w, bytes, n, eager);
  ward_store_t *s = w.s;
  ward_module_t *m = w.m;
  ward_error_t *err = NULL;
  g_store = s;
  if (!loaded)
    goto out;

  ward_valkind_t tp[2] = {WARD_I32, WARD_I64};
  err = ward_tag_new(s, tp, 2, &g_tag);
  CHECK(err == NULL && g_tag != NULL);
  CHECK(ward_tag_param_count(g_tag) == 2 && ward_tag_param(g_tag, 1) == WARD_I64);
  ward_valkind_t hp[1] = {WARD_I32};
  ward_functype_t *ft = ward_functype_new(hp, 1, NULL, 0);
  ward_extern_t imps[3] = {
      {.kind = WARD_EXTERN_TAG}, {.kind = WARD_EXTERN_FUNC}, {.kind = WARD_EXTERN_FUNC}};
  imps[0].of.tag = g_tag;
  imps[1].of.func = ward_func_new(s, ft, host_h, NULL, NULL);
  imps[2].of.func = ward_func_new(s, ft, host_reenter, NULL, NULL);
  ward_functype_delete(ft);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  err = ward_instance_new(s, m, imps, 3, &inst, &trap);
  CHECK(err == NULL && trap == NULL && inst != NULL);
  if (err)
    ward_error_delete(err);
  if (!inst)
    goto out;
  g_throw_own = export_func(inst, "throw_own");

  // A host exception that wasm catches, with its values.
  ward_val_t arg = {.kind = WARD_I32}, res[2];
  arg.of.i32 = 21;
  err = ward_func_call(s, export_func(inst, "catch_h"), &arg, 1, res, 2, &trap);
  CHECK(err == NULL && trap == NULL);
  CHECK(res[0].of.i32 == 21 && res[1].of.i64 == 42);
  arg.of.i32 = 0;
  err = ward_func_call(s, export_func(inst, "catch_h"), &arg, 1, res, 2, &trap);
  CHECK(err == NULL && trap == NULL && res[0].of.i32 == -1);

  // A host exception that nothing catches: the caller gets it.
  arg.of.i32 = 7;
  err = ward_func_call(s, export_func(inst, "pass_h"), &arg, 1, NULL, 0, &trap);
  CHECK(err == NULL && trap != NULL);
  if (trap) {
    CHECK(ward_trap_code(trap) == WARD_TRAP_EXCEPTION);
    CHECK(strcmp(ward_trap_message(trap), "uncaught exception") == 0);
    CHECK(ward_trap_exception_tag(trap) == g_tag);
    ward_val_t v[3];
    CHECK(ward_trap_exception_args(trap, v, 3) == 2);
    CHECK(v[0].kind == WARD_I32 && v[0].of.i32 == 7 && v[1].kind == WARD_I64 && v[1].of.i64 == 14);
    CHECK(ward_trap_frame_count(trap) >= 1);
    ward_trap_delete(trap);
    trap = NULL;
  }

  // The module's own tag escaping.
  ward_extern_t own;
  CHECK(ward_instance_export(inst, "own", 3, &own) && own.kind == WARD_EXTERN_TAG);
  arg.of.i32 = 9;
  err = ward_func_call(s, g_throw_own, &arg, 1, NULL, 0, &trap);
  CHECK(err == NULL && trap != NULL);
  if (trap) {
    CHECK(ward_trap_exception_tag(trap) == own.of.tag);
    ward_val_t v;
    CHECK(ward_trap_exception_args(trap, &v, 1) == 1 && v.of.i32 == 9);
    ward_trap_delete(trap);
    trap = NULL;
  }

  // Through a host function that called wasm: caught by the wasm around it.
  arg.of.i32 = 33;
  err = ward_func_call(s, export_func(inst, "catch_reenter"), &arg, 1, res, 1, &trap);
  CHECK(err == NULL && trap == NULL && res[0].of.i32 == 33);

  // An exnref result.
  err = ward_func_call(s, export_func(inst, "get_ref"), NULL, 0, res, 1, &trap);
  CHECK(err == NULL && trap == NULL && res[0].kind == WARD_EXNREF && res[0].of.exnref != NULL);

  // Values that do not match the tag: no exception.
  ward_val_t bad = {.kind = WARD_F32};
  CHECK(ward_trap_new_exception(s, g_tag, &bad, 1) == NULL);
  ward_val_t bad2[2] = {{.kind = WARD_I32}, {.kind = WARD_I32}};
  CHECK(ward_trap_new_exception(s, g_tag, bad2, 2) == NULL);
  // A trap that is not an exception has no tag or values.
  ward_trap_t *plain = ward_trap_new("x");
  CHECK(ward_trap_exception_tag(plain) == NULL && ward_trap_exception_args(plain, res, 1) == 0);
  ward_trap_delete(plain);
out:
  wat_env_close(&w);
}

WAT_TEST_MAIN("exn_api", k_wat)
