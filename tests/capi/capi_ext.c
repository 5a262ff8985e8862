// SPDX-License-Identifier: Apache-2.0
// What ward/wasm_ext.h adds for wasm.h programs: ward's configuration of a
// wasm.h engine, the ward objects behind wasm.h's, and the kinds wasm.h has
// no names for (exception tags as externs, v128 in function types).
#include "capi_test.h"

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  char buf[256];

  // A feature turned off in ward's configuration: the module is refused,
  // and ward_wasm_module_new says which feature.
  wasm_config_t *config = wasm_config_new();
  ward_config_t *cfg = ward_wasm_config(config);
  CHECK(cfg != NULL && cfg->struct_size == sizeof *cfg && (cfg->features & WARD_FEATURE_TAIL_CALL));
  cfg->features &= ~(uint32_t)WARD_FEATURE_TAIL_CALL;
  wasm_engine_t *engine = wasm_engine_new_with_config(config);
  CHECK(engine != NULL && ward_wasm_engine(engine) != NULL);
  wasm_store_t *store = wasm_store_new(engine);
  CHECK(ward_wasm_store(store) != NULL);
  wasm_byte_vec_t bin = load_wat("tail");
  wasm_module_t *module = NULL;
  ward_error_t *err = ward_wasm_module_new(store, &bin, &module);
  CHECK(err != NULL && module == NULL);
  CHECK(strstr(ward_error_message(err), "tail-call") != NULL);
  ward_error_delete(err);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  engine = wasm_engine_new();
  store = wasm_store_new(engine);
  module = wasm_module_new(store, &bin);
  CHECK(module != NULL);
  wasm_byte_vec_delete(&bin);
  wasm_instance_t *instance = wasm_instance_new(store, module, NULL, NULL);
  CHECK(instance != NULL);

  // The ward objects behind: the module's, the instance's and an export's.
  const ward_module_t *wm = ward_wasm_module(module);
  CHECK(wm != NULL && ward_module_export_count(wm) == 1);
  ward_instance_t *wi = ward_wasm_instance(instance);
  ward_extern_t by_name, by_ext;
  CHECK(ward_instance_export(wi, "g", 1, &by_name) && by_name.kind == WARD_EXTERN_FUNC);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(ward_wasm_extern(exports.data[0], &by_ext) && by_ext.of.func == by_name.of.func);
  CHECK(!ward_wasm_extern(NULL, &by_ext));
  ward_val_t r;
  ward_trap_t *wt = NULL;
  CHECK(ward_func_call(ward_wasm_store(store), by_ext.of.func, NULL, 0, &r, 1, &wt) == NULL);
  CHECK(wt == NULL && r.of.i32 == 1);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);

  // Tags have an extern kind of their own (in types and externs), and
  // pass from one instance's exports to another's imports.
  wasm_module_t *tagdef = load_module(store, "tagdef");
  wasm_module_t *ext = load_module(store, "ext");
  wasm_exporttype_vec_t etypes;
  wasm_module_exports(tagdef, &etypes);
  CHECK(etypes.size == 2);
  CHECK(wasm_externtype_kind(wasm_exporttype_type(etypes.data[0])) == WARD_WASM_EXTERN_TAG);
  CHECK(wasm_externtype_as_functype_const(wasm_exporttype_type(etypes.data[0])) == NULL);
  // A v128 in a type reflects as WARD_WASM_V128.
  const wasm_functype_t *splat_type =
      wasm_externtype_as_functype_const(wasm_exporttype_type(etypes.data[1]));
  CHECK(splat_type != NULL && wasm_functype_results(splat_type)->size == 1);
  CHECK(wasm_valtype_kind(wasm_functype_results(splat_type)->data[0]) == WARD_WASM_V128);
  wasm_exporttype_vec_delete(&etypes);
  wasm_importtype_vec_t itypes;
  wasm_module_imports(ext, &itypes);
  CHECK(itypes.size == 1);
  CHECK(wasm_externtype_kind(wasm_importtype_type(itypes.data[0])) == WARD_WASM_EXTERN_TAG);
  wasm_importtype_vec_delete(&itypes);

  wasm_extern_vec_t def_exports;
  wasm_instance_t *defs = instantiate(store, tagdef, NULL, &def_exports);
  wasm_extern_t *tag = def_exports.data[0];
  CHECK(wasm_extern_kind(tag) == WARD_WASM_EXTERN_TAG);
  CHECK(wasm_extern_as_func(tag) == NULL && wasm_extern_as_global(tag) == NULL);
  wasm_externtype_t *tag_type = wasm_extern_type(tag);
  CHECK(wasm_externtype_kind(tag_type) == WARD_WASM_EXTERN_TAG);
  wasm_externtype_delete(tag_type);
  // A call of a function whose type wasm.h cannot carry is a trap.
  wasm_val_t a[1] = {WASM_I32_VAL(1)}, res[1];
  wasm_trap_t *trap = call(wasm_extern_as_func(def_exports.data[1]), a, 1, res, 1);
  CHECK(trap != NULL && strstr(trap_text(trap, buf, sizeof buf), "cannot pass") != NULL);
  wasm_trap_delete(trap);

  wasm_extern_vec_t imports = {1, &tag};
  wasm_instance_t *thrower = wasm_instance_new(store, ext, &imports, &trap);
  CHECK(thrower != NULL && trap == NULL);
  wasm_extern_vec_t ext_exports;
  wasm_instance_exports(thrower, &ext_exports);
  CHECK(ext_exports.size == 2 && wasm_extern_same(ext_exports.data[0], tag));
  // The exception no wasm code catches: a trap whose ward trap has the tag
  // and the value.
  a[0] = (wasm_val_t)WASM_I64_VAL(99);
  trap = call(wasm_extern_as_func(ext_exports.data[1]), a, 1, NULL, 0);
  CHECK(trap != NULL);
  const ward_trap_t *t = ward_wasm_trap(trap);
  CHECK(t != NULL && ward_trap_code(t) == WARD_TRAP_EXCEPTION);
  ward_extern_t wtag;
  CHECK(ward_wasm_extern(tag, &wtag) && wtag.kind == WARD_EXTERN_TAG);
  CHECK(ward_trap_exception_tag(t) == wtag.of.tag);
  ward_val_t v;
  CHECK(ward_trap_exception_args(t, &v, 1) == 1 && v.kind == WARD_I64 && v.of.i64 == 99);
  wasm_trap_delete(trap);
  // A tag is no function: importing one where a function goes fails.
  wasm_module_t *hello = load_module(store, "hello");
  CHECK(wasm_instance_new(store, hello, &imports, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "incompatible import type") != NULL);
  wasm_trap_delete(trap);

  wasm_module_delete(hello);
  wasm_extern_vec_delete(&ext_exports);
  wasm_extern_vec_delete(&def_exports);
  wasm_instance_delete(thrower);
  wasm_instance_delete(defs);
  wasm_module_delete(ext);
  wasm_module_delete(tagdef);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_ext");
}
