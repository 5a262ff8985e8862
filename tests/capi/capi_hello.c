// SPDX-License-Identifier: Apache-2.0
// wasm.h, the first steps: validate and compile a module, give it a host
// function, instantiate it, take its export, and call it once the module
// and the instance references are gone. Also what fails: bytes that are not
// a module, and a module that does not validate.
#include "capi_test.h"

static int g_hellos;

static wasm_trap_t *hello(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 0 && results->size == 0);
  g_hellos++;
  return NULL;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  CHECK(engine != NULL);
  wasm_store_t *store = wasm_store_new(engine);
  CHECK(store != NULL);

  wasm_byte_vec_t binary = load_wat("hello");
  CHECK(wasm_module_validate(store, &binary));
  wasm_module_t *module = wasm_module_new(store, &binary);
  CHECK(module != NULL);
  wasm_byte_vec_delete(&binary);
  CHECK(binary.size == 0 && binary.data == NULL);

  wasm_functype_t *type = wasm_functype_new_0_0();
  wasm_func_t *hello_func = wasm_func_new(store, type, hello);
  wasm_functype_delete(type);
  CHECK(hello_func != NULL);
  CHECK(wasm_func_param_arity(hello_func) == 0 && wasm_func_result_arity(hello_func) == 0);

  wasm_extern_t *externs[] = {wasm_func_as_extern(hello_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_trap_t *trap = NULL;
  wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance != NULL && trap == NULL);
  wasm_func_delete(hello_func);

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK(exports.size == 1);
  const wasm_func_t *run = wasm_extern_as_func(exports.data[0]);
  CHECK(run != NULL);
  // The function outlives these references: the store keeps the instance
  // and the instance its module.
  wasm_module_delete(module);
  wasm_instance_delete(instance);

  wasm_val_vec_t none = WASM_EMPTY_VEC;
  CHECK(g_hellos == 0);
  CHECK(wasm_func_call(run, &none, &none) == NULL);
  CHECK(g_hellos == 2);
  CHECK(wasm_func_call(run, &none, &none) == NULL);
  CHECK(g_hellos == 4);
  wasm_extern_vec_delete(&exports);

  // Bytes that are not a module, and a module that does not validate (an
  // i32.add with one operand): neither validates nor compiles; ward's own
  // entry point says why.
  static wasm_byte_t junk[] = {'n', 'o', 't', 'w', 'a', 's', 'm', 0};
  wasm_byte_vec_t bad = {sizeof junk, junk};
  CHECK(!wasm_module_validate(store, &bad));
  CHECK(wasm_module_new(store, &bad) == NULL);
  static wasm_byte_t invalid[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
                                  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type: [] -> [i32]
                                  0x03, 0x02, 0x01, 0x00,                   // func 0: type 0
                                  0x0a, 0x07, 0x01, 0x05, 0x00, 0x41, 0x01, 0x6a,
                                  0x0b}; // i32.const 1 i32.add end
  wasm_byte_vec_t inv = {sizeof invalid, invalid};
  CHECK(!wasm_module_validate(store, &inv));
  wasm_module_t *none_module = NULL;
  ward_error_t *err = ward_wasm_module_new(store, &inv, &none_module);
  CHECK(err != NULL && none_module == NULL);
  CHECK(ward_error_kind(err) == WARD_ERROR_INVALID);
  CHECK(strstr(ward_error_message(err), "type mismatch") != NULL);
  ward_error_delete(err);
  err = ward_wasm_module_new(store, &bad, &none_module);
  CHECK(err != NULL && ward_error_kind(err) == WARD_ERROR_MALFORMED);
  ward_error_delete(err);

  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_hello");
}
