// SPDX-License-Identifier: Apache-2.0
// wasm.h serialization: a module written as bytes, its references gone,
// read back in (another store too) with the same imports and exports, and
// run; bytes that are not a module blob, a corrupt one, and one made for
// other features.
#include "capi_test.h"

static wasm_trap_t *add(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 + args->data[1].of.i32;
  return NULL;
}

// Instantiates module in store with its `add` import and returns run(x).
static int32_t run(wasm_store_t *store, const wasm_module_t *module, int32_t x) {
  wasm_functype_t *type =
      wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t *f = wasm_func_new(store, type, add);
  wasm_functype_delete(type);
  wasm_extern_t *externs[] = {wasm_func_as_extern(f)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  wasm_val_t args[1] = {WASM_I32_VAL(x)}, r[1];
  CHECK(call(export_func(&exports, 0), args, 1, r, 1) == NULL);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(f);
  return r[0].of.i32;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_byte_vec_t binary = load_wat("serialize");
  wasm_module_t *module = wasm_module_new(store, &binary);
  CHECK(module != NULL);
  CHECK(run(store, module, 2) == 42);

  wasm_byte_vec_t blob;
  wasm_module_serialize(module, &blob);
  CHECK(blob.size > binary.size); // the binary and its code
  wasm_module_delete(module);

  wasm_module_t *back = wasm_module_deserialize(store, &blob);
  CHECK(back != NULL);
  wasm_importtype_vec_t imports;
  wasm_module_imports(back, &imports);
  CHECK(imports.size == 1);
  const wasm_functype_t *ft =
      wasm_externtype_as_functype_const(wasm_importtype_type(imports.data[0]));
  CHECK(ft && wasm_functype_params(ft)->size == 2 && wasm_functype_results(ft)->size == 1);
  wasm_importtype_vec_delete(&imports);
  wasm_exporttype_vec_t exports;
  wasm_module_exports(back, &exports);
  CHECK(exports.size == 1);
  CHECK(memcmp(wasm_exporttype_name(exports.data[0])->data, "run", 3) == 0);
  wasm_exporttype_vec_delete(&exports);
  CHECK(run(store, back, -40) == 0);
  // Serialized again, it reads back again.
  wasm_byte_vec_t blob2;
  wasm_module_serialize(back, &blob2);
  CHECK(blob2.size == blob.size);
  wasm_module_t *again = wasm_module_deserialize(store, &blob2);
  CHECK(again != NULL && run(store, again, 1) == 41);
  wasm_module_delete(again);
  wasm_byte_vec_delete(&blob2);

  // In another store of the engine.
  wasm_store_t *store2 = wasm_store_new(engine);
  wasm_module_t *back2 = wasm_module_deserialize(store2, &blob);
  CHECK(back2 != NULL && run(store2, back2, 100) == 140);
  wasm_module_delete(back2);
  wasm_store_delete(store2);

  // Bytes that are not a blob: a wasm binary, nothing, a corrupt blob.
  wasm_module_t *none = NULL;
  ward_error_t *err = ward_wasm_module_deserialize(store, &binary, &none);
  CHECK(err != NULL && none == NULL);
  CHECK(strstr(ward_error_message(err), "not a serialized ward module") != NULL);
  ward_error_delete(err);
  wasm_byte_vec_t empty = WASM_EMPTY_VEC;
  CHECK(wasm_module_deserialize(store, &empty) == NULL);
  blob.data[blob.size / 2] ^= 0x5a;
  CHECK(wasm_module_deserialize(store, &blob) == NULL);
  err = ward_wasm_module_deserialize(store, &blob, &none);
  CHECK(err != NULL && strstr(ward_error_message(err), "corrupt module blob") != NULL);
  ward_error_delete(err);
  blob.data[blob.size / 2] ^= 0x5a;

  // An engine of other features refuses the blob, naming the difference.
  wasm_config_t *config = wasm_config_new();
  ward_wasm_config(config)->features &= ~(uint32_t)WARD_FEATURE_GC;
  wasm_engine_t *engine2 = wasm_engine_new_with_config(config);
  wasm_store_t *store3 = wasm_store_new(engine2);
  err = ward_wasm_module_deserialize(store3, &blob, &none);
  CHECK(err != NULL && none == NULL);
  CHECK(strstr(ward_error_message(err), "incompatible module blob") != NULL);
  ward_error_delete(err);
  wasm_store_delete(store3);
  wasm_engine_delete(engine2);

  wasm_byte_vec_delete(&blob);
  wasm_byte_vec_delete(&binary);
  wasm_module_delete(back);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_serialize");
}
