// SPDX-License-Identifier: Apache-2.0
// wasm.h and multiple values: a host function of four parameters and four
// results of every number type, called by wasm code that returns four
// values of its own; a function of three results and none in.
#include "capi_test.h"

static int g_calls;

// rotate(a, b, c, d) = (b, c, d, a)
static wasm_trap_t *rotate(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 4 && results->size == 4);
  CHECK(args->data[0].kind == WASM_I32 && args->data[1].kind == WASM_I64 &&
        args->data[2].kind == WASM_F32 && args->data[3].kind == WASM_F64);
  wasm_val_copy(&results->data[0], &args->data[1]);
  wasm_val_copy(&results->data[1], &args->data[2]);
  wasm_val_copy(&results->data[2], &args->data[3]);
  wasm_val_copy(&results->data[3], &args->data[0]);
  g_calls++;
  return NULL;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "multi");

  wasm_valtype_t *ps[4] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_f32(),
                           wasm_valtype_new_f64()};
  wasm_valtype_t *rs[4] = {wasm_valtype_new_i64(), wasm_valtype_new_f32(), wasm_valtype_new_f64(),
                           wasm_valtype_new_i32()};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 4, ps);
  wasm_valtype_vec_new(&results, 4, rs);
  wasm_valtype_vec_t params_copy;
  wasm_valtype_vec_copy(&params_copy, &params);
  CHECK(params_copy.size == 4 && params_copy.data[3] != params.data[3]);
  CHECK(wasm_valtype_kind(params_copy.data[3]) == WASM_F64);
  wasm_valtype_vec_delete(&params_copy);
  wasm_functype_t *type = wasm_functype_new(&params, &results);
  wasm_func_t *rot = wasm_func_new(store, type, rotate);
  wasm_functype_delete(type);
  CHECK(wasm_func_param_arity(rot) == 4 && wasm_func_result_arity(rot) == 4);

  wasm_extern_t *externs[] = {wasm_func_as_extern(rot)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  wasm_func_t *twice = export_func(&exports, 0);
  wasm_func_t *three = export_func(&exports, 1);
  CHECK(wasm_func_param_arity(twice) == 4 && wasm_func_result_arity(twice) == 4);

  // twice(a, b, c, d) = (2a, 2b, 2c, 2d), through the rotation.
  wasm_val_t args[4] = {WASM_I32_VAL(-3), WASM_I64_VAL(INT64_C(1) << 40), WASM_F32_VAL(1.25f),
                        WASM_F64_VAL(-6.5)};
  wasm_val_t res[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  CHECK(call(twice, args, 4, res, 4) == NULL);
  CHECK(g_calls == 1);
  CHECK(res[0].kind == WASM_I32 && res[0].of.i32 == -6);
  CHECK(res[1].kind == WASM_I64 && res[1].of.i64 == INT64_C(1) << 41);
  CHECK(res[2].kind == WASM_F32 && res[2].of.f32 == 2.5f);
  CHECK(res[3].kind == WASM_F64 && res[3].of.f64 == -13.0);

  // The host function alone.
  CHECK(call(rot, args, 4, res, 4) == NULL);
  CHECK(res[0].kind == WASM_I64 && res[0].of.i64 == INT64_C(1) << 40);
  CHECK(res[3].kind == WASM_I32 && res[3].of.i32 == -3);

  wasm_val_t three_res[3];
  CHECK(call(three, NULL, 0, three_res, 3) == NULL);
  CHECK(three_res[0].of.i32 == 1 && three_res[1].of.i32 == 2 && three_res[2].of.i32 == 3);
  wasm_functype_t *t3 = wasm_func_type(three);
  CHECK(wasm_functype_params(t3)->size == 0 && wasm_functype_results(t3)->size == 3);
  wasm_functype_delete(t3);

  // A results vector longer than the results: the rest is left alone.
  wasm_val_t four[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_I64_VAL(77)};
  wasm_val_vec_t none = WASM_EMPTY_VEC, four_vec = WASM_ARRAY_VEC(four);
  CHECK(wasm_func_call(three, &none, &four_vec) == NULL);
  CHECK(four[2].of.i32 == 3 && four[3].kind == WASM_I64 && four[3].of.i64 == 77);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_func_delete(rot);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_multi");
}
