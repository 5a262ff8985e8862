// SPDX-License-Identifier: Apache-2.0
// wasm.h globals: made by the host and imported, defined and exported by
// the module, constant and mutable; read and written from both sides, and
// their types.
#include "capi_test.h"

static wasm_val_t get(const wasm_global_t *g) {
  wasm_val_t v;
  wasm_global_get(g, &v);
  return v;
}

static wasm_val_t call0(const wasm_func_t *f) {
  wasm_val_t r[1] = {WASM_INIT_VAL};
  CHECK(call(f, NULL, 0, r, 1) == NULL);
  return r[0];
}

static void call1(const wasm_func_t *f, wasm_val_t arg) {
  CHECK(call(f, &arg, 1, NULL, 0) == NULL);
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "global");

  wasm_globaltype_t *const_i32 = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_globaltype_t *var_f64 = wasm_globaltype_new(wasm_valtype_new_f64(), WASM_VAR);
  wasm_val_t v_i32 = WASM_I32_VAL(-17), v_f64 = WASM_F64_VAL(0.25);
  wasm_global_t *in_const = wasm_global_new(store, const_i32, &v_i32);
  wasm_global_t *in_var = wasm_global_new(store, var_f64, &v_f64);
  CHECK(in_const && in_var);
  // A value of another kind than the type's makes no global.
  CHECK(wasm_global_new(store, const_i32, &v_f64) == NULL);
  wasm_globaltype_delete(const_i32);
  wasm_globaltype_delete(var_f64);

  wasm_extern_t *externs[] = {wasm_global_as_extern(in_const), wasm_global_as_extern(in_var)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  wasm_module_delete(module);
  CHECK(exports.size == 7);
  wasm_global_t *out_const = export_global(&exports, 0);
  wasm_global_t *out_var = export_global(&exports, 1);
  wasm_func_t *get_in_const = export_func(&exports, 2);
  wasm_func_t *get_in_var = export_func(&exports, 3);
  wasm_func_t *set_in_var = export_func(&exports, 4);
  wasm_func_t *get_out_var = export_func(&exports, 5);
  wasm_func_t *set_out_var = export_func(&exports, 6);

  // Types.
  wasm_globaltype_t *gt = wasm_global_type(out_const);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_I64);
  CHECK(wasm_globaltype_mutability(gt) == WASM_CONST);
  wasm_globaltype_delete(gt);
  gt = wasm_global_type(in_var);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_F64);
  CHECK(wasm_globaltype_mutability(gt) == WASM_VAR);
  wasm_globaltype_delete(gt);

  // Copies refer to the same global; other globals are not the same.
  wasm_global_t *copy = wasm_global_copy(in_var);
  CHECK(wasm_global_same(copy, in_var) && !wasm_global_same(copy, in_const));
  wasm_global_delete(copy);

  // Initial values, from the host and from wasm code.
  CHECK(get(in_const).kind == WASM_I32 && get(in_const).of.i32 == -17);
  CHECK(get(in_var).of.f64 == 0.25);
  CHECK(get(out_const).kind == WASM_I64 && get(out_const).of.i64 == -5);
  CHECK(get(out_var).kind == WASM_F32 && get(out_var).of.f32 == 2.5f);
  CHECK(call0(get_in_const).of.i32 == -17);
  CHECK(call0(get_in_var).of.f64 == 0.25);
  CHECK(call0(get_out_var).of.f32 == 2.5f);

  // The host writes; wasm code reads.
  wasm_val_t v = WASM_F64_VAL(-1e300);
  wasm_global_set(in_var, &v);
  v = (wasm_val_t)WASM_F32_VAL(8.75f);
  wasm_global_set(out_var, &v);
  CHECK(call0(get_in_var).of.f64 == -1e300);
  CHECK(call0(get_out_var).of.f32 == 8.75f);

  // Wasm code writes; the host reads.
  call1(set_in_var, (wasm_val_t)WASM_F64_VAL(3.5));
  call1(set_out_var, (wasm_val_t)WASM_F32_VAL(-0.5f));
  CHECK(get(in_var).of.f64 == 3.5);
  CHECK(get(out_var).of.f32 == -0.5f);

  // Writes that cannot be: to a constant, or of another kind. Nothing
  // changes.
  v = (wasm_val_t)WASM_I32_VAL(99);
  wasm_global_set(in_const, &v);
  v = (wasm_val_t)WASM_I64_VAL(99);
  wasm_global_set(out_const, &v);
  v = (wasm_val_t)WASM_I32_VAL(1);
  wasm_global_set(in_var, &v);
  CHECK(get(in_const).of.i32 == -17 && call0(get_in_const).of.i32 == -17);
  CHECK(get(out_const).of.i64 == -5);
  CHECK(get(in_var).kind == WASM_F64 && get(in_var).of.f64 == 3.5);

  // An immutable import may not stand for a mutable one.
  wasm_module_t *m2 = load_module(store, "global");
  wasm_extern_t *swapped[] = {wasm_global_as_extern(in_const), wasm_global_as_extern(in_const)};
  wasm_extern_vec_t bad = WASM_ARRAY_VEC(swapped);
  wasm_trap_t *trap = NULL;
  CHECK(wasm_instance_new(store, m2, &bad, &trap) == NULL && trap != NULL);
  char buf[256];
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "incompatible import type") != NULL);
  wasm_trap_delete(trap);
  wasm_module_delete(m2);

  wasm_global_delete(in_const);
  wasm_global_delete(in_var);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_global");
}
