// SPDX-License-Identifier: Apache-2.0
// wasm.h reflection: a module's imports and exports with their types, the
// types of live externs (a table after growing), the extern kinds and
// the casts between extern types, copies of types and of their vectors.
#include "capi_test.h"

static bool name_is(const wasm_name_t *n, const char *s) {
  return n->size == strlen(s) && memcmp(n->data, s, n->size) == 0;
}

static bool kinds_are(const wasm_valtype_vec_t *v, const wasm_valkind_t *k, size_t n) {
  if (v->size != n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (wasm_valtype_kind(v->data[i]) != k[i])
      return false;
  return true;
}

static wasm_trap_t *unused(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args;
  results->data[0].of.f64 = 0;
  return NULL;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "reflect");

  // Imports: env.f func (i32 externref) -> f64, env.g global (mut i64),
  // other.t table 1..8 funcref, other.m memory 2..
  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  CHECK(imports.size == 4);
  const wasm_importtype_t *im = imports.data[0];
  CHECK(name_is(wasm_importtype_module(im), "env") && name_is(wasm_importtype_name(im), "f"));
  const wasm_externtype_t *et = wasm_importtype_type(im);
  CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC);
  const wasm_functype_t *ft = wasm_externtype_as_functype_const(et);
  CHECK(ft != NULL && wasm_externtype_as_globaltype_const(et) == NULL);
  CHECK(kinds_are(wasm_functype_params(ft), (wasm_valkind_t[]){WASM_I32, WASM_EXTERNREF}, 2));
  CHECK(kinds_are(wasm_functype_results(ft), (wasm_valkind_t[]){WASM_F64}, 1));
  CHECK(wasm_valtype_is_ref(wasm_functype_params(ft)->data[1]));
  CHECK(wasm_valtype_is_num(wasm_functype_params(ft)->data[0]));

  et = wasm_importtype_type(imports.data[1]);
  CHECK(name_is(wasm_importtype_name(imports.data[1]), "g"));
  const wasm_globaltype_t *gt = wasm_externtype_as_globaltype_const(et);
  CHECK(gt && wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_I64);
  CHECK(wasm_globaltype_mutability(gt) == WASM_VAR);

  et = wasm_importtype_type(imports.data[2]);
  CHECK(name_is(wasm_importtype_module(imports.data[2]), "other"));
  const wasm_tabletype_t *tt = wasm_externtype_as_tabletype_const(et);
  CHECK(tt && wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF);
  CHECK(wasm_tabletype_limits(tt)->min == 1 && wasm_tabletype_limits(tt)->max == 8);

  et = wasm_importtype_type(imports.data[3]);
  const wasm_memorytype_t *mt = wasm_externtype_as_memorytype_const(et);
  CHECK(mt && wasm_memorytype_limits(mt)->min == 2);
  CHECK(wasm_memorytype_limits(mt)->max == wasm_limits_max_default);

  // A copy of the vector is deep, and equal.
  wasm_importtype_vec_t imports2;
  wasm_importtype_vec_copy(&imports2, &imports);
  CHECK(imports2.size == 4 && imports2.data[2] != imports.data[2]);
  CHECK(name_is(wasm_importtype_name(imports2.data[3]), "m"));
  CHECK(wasm_externtype_kind(wasm_importtype_type(imports2.data[3])) == WASM_EXTERN_MEMORY);
  wasm_importtype_vec_delete(&imports2);
  wasm_importtype_vec_delete(&imports);

  // Exports: func (f32 f64) -> (i32 i64), global const f32, table 3
  // externref, memory 1..5.
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  CHECK(exports.size == 4);
  static const char *const names[] = {"func", "global", "table", "memory"};
  static const wasm_externkind_t kinds[] = {WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_TABLE,
                                            WASM_EXTERN_MEMORY};
  for (size_t i = 0; i < 4; i++) {
    CHECK(name_is(wasm_exporttype_name(exports.data[i]), names[i]));
    CHECK(wasm_externtype_kind(wasm_exporttype_type(exports.data[i])) == kinds[i]);
  }
  ft = wasm_externtype_as_functype_const(wasm_exporttype_type(exports.data[0]));
  CHECK(kinds_are(wasm_functype_params(ft), (wasm_valkind_t[]){WASM_F32, WASM_F64}, 2));
  CHECK(kinds_are(wasm_functype_results(ft), (wasm_valkind_t[]){WASM_I32, WASM_I64}, 2));
  gt = wasm_externtype_as_globaltype_const(wasm_exporttype_type(exports.data[1]));
  CHECK(wasm_globaltype_mutability(gt) == WASM_CONST);
  tt = wasm_externtype_as_tabletype_const(wasm_exporttype_type(exports.data[2]));
  CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_EXTERNREF);
  CHECK(wasm_tabletype_limits(tt)->min == 3);
  CHECK(wasm_tabletype_limits(tt)->max == wasm_limits_max_default);
  mt = wasm_externtype_as_memorytype_const(wasm_exporttype_type(exports.data[3]));
  CHECK(wasm_memorytype_limits(mt)->min == 1 && wasm_memorytype_limits(mt)->max == 5);
  wasm_exporttype_t *ex_copy = wasm_exporttype_copy(exports.data[0]);
  CHECK(name_is(wasm_exporttype_name(ex_copy), "func"));
  wasm_exporttype_delete(ex_copy);

  // Instantiate with imports of the right types, and compare the exports'
  // current types with the declared ones.
  wasm_functype_t *f_type = wasm_functype_new_2_1(
      wasm_valtype_new_i32(), wasm_valtype_new_externref(), wasm_valtype_new_f64());
  wasm_func_t *f = wasm_func_new(store, f_type, unused);
  wasm_functype_delete(f_type);
  wasm_globaltype_t *g_type = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
  wasm_val_t zero = WASM_I64_VAL(0);
  wasm_global_t *g = wasm_global_new(store, g_type, &zero);
  wasm_globaltype_delete(g_type);
  wasm_limits_t t_lim = {1, 8}, m_lim = {2, wasm_limits_max_default};
  wasm_tabletype_t *t_type = wasm_tabletype_new(wasm_valtype_new_funcref(), &t_lim);
  wasm_table_t *t = wasm_table_new(store, t_type, NULL);
  wasm_tabletype_delete(t_type);
  wasm_memorytype_t *m_type = wasm_memorytype_new(&m_lim);
  wasm_memory_t *m = wasm_memory_new(store, m_type);
  wasm_memorytype_delete(m_type);
  CHECK(f && g && t && m);
  wasm_extern_t *externs[] = {wasm_func_as_extern(f), wasm_global_as_extern(g),
                              wasm_table_as_extern(t), wasm_memory_as_extern(m)};
  wasm_extern_vec_t ivec = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t live;
  wasm_instance_t *instance = instantiate(store, module, &ivec, &live);
  CHECK(live.size == exports.size);
  for (size_t i = 0; i < live.size; i++) {
    CHECK(wasm_extern_kind(live.data[i]) == kinds[i]);
    wasm_externtype_t *cur = wasm_extern_type(live.data[i]);
    CHECK(wasm_externtype_kind(cur) == kinds[i]);
    wasm_externtype_delete(cur);
  }
  wasm_func_t *func = export_func(&live, 0);
  CHECK(wasm_func_param_arity(func) == 2 && wasm_func_result_arity(func) == 2);
  // The casts: each extern is exactly one of the four.
  CHECK(wasm_extern_as_global(live.data[0]) == NULL && wasm_extern_as_func(live.data[1]) == NULL);
  CHECK(wasm_extern_as_memory(live.data[2]) == NULL && wasm_extern_as_table(live.data[3]) == NULL);
  CHECK(wasm_extern_as_table_const(live.data[2]) != NULL);
  CHECK(wasm_func_as_extern_const(func) == live.data[0]);
  // A grown table's current type has its new size as min.
  wasm_table_t *table = export_table(&live, 2);
  CHECK(wasm_table_grow(table, 4, NULL));
  wasm_tabletype_t *cur_tt = wasm_table_type(table);
  CHECK(wasm_tabletype_limits(cur_tt)->min == 7);
  CHECK(wasm_valtype_kind(wasm_tabletype_element(cur_tt)) == WASM_EXTERNREF);
  // Extern types convert both ways as the same object.
  wasm_externtype_t *as_ext = wasm_tabletype_as_externtype(cur_tt);
  CHECK((void *)as_ext == (void *)cur_tt && wasm_externtype_as_tabletype(as_ext) == cur_tt);
  CHECK(wasm_externtype_as_memorytype(as_ext) == NULL);
  wasm_externtype_t *ext_copy = wasm_externtype_copy(as_ext);
  CHECK(wasm_tabletype_limits(wasm_externtype_as_tabletype_const(ext_copy))->min == 7);
  wasm_externtype_delete(ext_copy);
  wasm_tabletype_delete(cur_tt);
  wasm_memorytype_t *cur_mt = wasm_memory_type(export_memory(&live, 3));
  CHECK(wasm_memorytype_limits(cur_mt)->min == 1 && wasm_memorytype_limits(cur_mt)->max == 5);
  wasm_memorytype_delete(cur_mt);

  wasm_extern_vec_delete(&live);
  wasm_exporttype_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(f);
  wasm_global_delete(g);
  wasm_table_delete(t);
  wasm_memory_delete(m);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_reflect");
}
