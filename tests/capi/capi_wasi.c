// SPDX-License-Identifier: Apache-2.0
// WASI for wasm.h programs (ward/wasm_ext.h): a real WASI guest (C, built
// for wasm32-wasi by run_capi_wasi.sh) gets its arguments, an environment
// variable and a preopened directory from a ward_wasi_config_t; its other
// import is the embedder's; it exits with a status. A guest that traps,
// and a configuration that withholds what the guest imports.
//
// Usage: capi_wasi GUEST.wasm DIR (DIR: an empty directory to preopen)
#include "capi_test.h"

static wasm_byte_vec_t read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL);
  wasm_byte_vec_t out;
  CHECK(fseek(f, 0, SEEK_END) == 0);
  long n = ftell(f);
  CHECK(n > 0 && fseek(f, 0, SEEK_SET) == 0);
  wasm_byte_vec_new_uninitialized(&out, (size_t)n);
  CHECK(fread(out.data, 1, out.size, f) == out.size);
  fclose(f);
  return out;
}

static int g_mixes;

static wasm_trap_t *mix(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 * 10 + args->data[1].of.i32;
  g_mixes++;
  return NULL;
}

// WASI state for store from args and dir; with `groups` granted.
static ward_wasi_wasm_t *wasi_new(wasm_store_t *store, const char *arg1, const char *dir,
                                  unsigned groups) {
  ward_wasi_config_t *cfg = ward_wasi_config_new();
  CHECK(cfg != NULL);
  const char *argv[] = {"guest", arg1, "two"};
  CHECK(ward_wasi_config_set_args(cfg, 3, argv) == NULL);
  CHECK(ward_wasi_config_add_env(cfg, "CAPI_WASI", "env-value") == NULL);
  CHECK(ward_wasi_config_preopen_dir(cfg, dir, "/data", WARD_WASI_DIR_RW) == NULL);
  ward_wasi_config_set_groups(cfg, groups, false);
  ward_wasi_wasm_t *wasi;
  ward_error_t *err = ward_wasi_wasm_new(store, cfg, &wasi);
  CHECK(err == NULL);
  ward_wasi_config_delete(cfg); // the state keeps what it needs
  return wasi;
}

// The imports for module: WASI's, and `mix` where the guest imports it.
static wasm_extern_vec_t imports_for(ward_wasi_wasm_t *wasi, wasm_store_t *store,
                                     const wasm_module_t *module) {
  wasm_extern_vec_t imports;
  CHECK(ward_wasi_wasm_imports(wasi, module, &imports) == NULL);
  wasm_importtype_vec_t types;
  wasm_module_imports(module, &types);
  CHECK(types.size == imports.size && types.size > 1);
  size_t nulls = 0;
  for (size_t i = 0; i < types.size; i++) {
    const wasm_name_t *m = wasm_importtype_module(types.data[i]);
    if (m->size == 3 && memcmp(m->data, "env", 3) == 0) {
      CHECK(imports.data[i] == NULL);
      wasm_functype_t *ft = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(),
                                                  wasm_valtype_new_i32());
      imports.data[i] = wasm_func_as_extern(wasm_func_new(store, ft, mix));
      wasm_functype_delete(ft);
      nulls++;
    } else {
      CHECK(imports.data[i] != NULL);
      CHECK(wasm_extern_kind(imports.data[i]) == WASM_EXTERN_FUNC);
    }
  }
  CHECK(nulls == 1);
  wasm_importtype_vec_delete(&types);
  return imports;
}

int main(int argc, char **argv) {
  CHECK(argc == 3);
  const char *dir = argv[2];
  char path[1024];
  snprintf(path, sizeof path, "%s/in.txt", dir);
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL && fputs("sandboxed\n", f) >= 0);
  fclose(f);

  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_byte_vec_t bin = read_file(argv[1]);
  wasm_module_t *module = wasm_module_new(store, &bin);
  wasm_byte_vec_delete(&bin);
  CHECK(module != NULL);

  // The guest runs, writes its file and exits with 7.
  ward_wasi_wasm_t *wasi = wasi_new(store, "one", dir, WARD_WASI_ALL);
  wasm_extern_vec_t imports = imports_for(wasi, store, module);
  wasm_trap_t *trap = NULL;
  wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance != NULL && trap == NULL);
  int status = -1;
  CHECK(ward_wasi_wasm_run(wasi, instance, &status, &trap) == NULL);
  CHECK(trap == NULL && status == 7 && g_mixes == 1);
  snprintf(path, sizeof path, "%s/out.txt", dir);
  f = fopen(path, "rb");
  CHECK(f != NULL);
  char text[256] = {0};
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  CHECK(n > 0);
  CHECK(strcmp(text, "one two env-value 67 SANDBOXED\n") == 0);
  wasm_instance_delete(instance);
  wasm_extern_vec_delete(&imports);

  // A guest that traps: the trap, and status 134.
  ward_wasi_wasm_t *wasi2 = wasi_new(store, "abort", dir, WARD_WASI_ALL);
  imports = imports_for(wasi2, store, module);
  instance = wasm_instance_new(store, module, &imports, NULL);
  CHECK(instance != NULL);
  CHECK(ward_wasi_wasm_run(wasi2, instance, &status, &trap) == NULL);
  CHECK(trap != NULL && status == 134);
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_UNREACHABLE);
  wasm_trap_delete(trap);
  wasm_instance_delete(instance);
  wasm_extern_vec_delete(&imports);

  // Without the path group the guest's path_open has nothing to link to.
  ward_wasi_wasm_t *wasi3 = wasi_new(store, "one", dir, WARD_WASI_ALL & ~WARD_WASI_PATH);
  ward_error_t *err = ward_wasi_wasm_imports(wasi3, module, &imports);
  CHECK(err != NULL && imports.size == 0);
  CHECK(strstr(ward_error_message(err), "wasi_snapshot_preview1::path_open") != NULL);
  ward_error_delete(err);

  // An instance without _start cannot be run.
  wasm_module_delete(module);
  module = NULL;
  static wasm_byte_t empty_module[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  wasm_byte_vec_t empty = {sizeof empty_module, empty_module};
  module = wasm_module_new(store, &empty);
  instance = wasm_instance_new(store, module, NULL, NULL);
  CHECK(instance != NULL);
  err = ward_wasi_wasm_run(wasi3, instance, &status, &trap);
  CHECK(err != NULL && trap == NULL && strstr(ward_error_message(err), "_start") != NULL);
  ward_error_delete(err);
  wasm_instance_delete(instance);
  wasm_module_delete(module);

  wasm_store_delete(store); // frees the three WASI states
  wasm_engine_delete(engine);
  return pass("capi_wasi");
}
