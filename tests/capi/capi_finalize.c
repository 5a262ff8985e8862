// SPDX-License-Identifier: Apache-2.0
// wasm.h host info and finalizers: host info belongs to the object, not
// the reference; objects of a store (instances, functions, globals,
// foreign objects) are finalized when their store is deleted, each store
// its own; a module when its last reference and the last store that
// instantiated it are gone; host info that other host info replaces is
// finalized then.
#include "capi_test.h"

enum { INSTANCES = 2000 };

// Finalizer calls by kind of object, and the values they were given.
static int g_live;
static long g_sum;

static void finalize(void *data) {
  g_live--;
  g_sum += (long)(intptr_t)data;
}

static int g_module_done;
static void module_done(void *data) {
  CHECK(data == &g_module_done);
  g_module_done++;
}

// Makes INSTANCES instances of module in store, each with host info
// first + i; deletes every reference.
static void fill(wasm_store_t *store, const wasm_module_t *module, intptr_t first) {
  for (intptr_t i = 0; i < INSTANCES; i++) {
    wasm_instance_t *instance = wasm_instance_new(store, module, NULL, NULL);
    CHECK(instance != NULL);
    wasm_instance_set_host_info_with_finalizer(instance, (void *)(first + i), finalize);
    CHECK(wasm_instance_get_host_info(instance) == (void *)(first + i));
    g_live++;
    wasm_instance_delete(instance);
  }
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store1 = wasm_store_new(engine);
  wasm_store_t *store2 = wasm_store_new(engine);
  wasm_module_t *module = load_module(store1, "finalize");
  wasm_module_set_host_info_with_finalizer(module, &g_module_done, module_done);

  // Instances: finalized with their store, not with their references.
  fill(store1, module, 1);
  fill(store2, module, 100000);
  CHECK(g_live == 2 * INSTANCES && g_sum == 0);

  // Host info is the object's: a second reference to an export sees what
  // the first one set.
  wasm_instance_t *instance = wasm_instance_new(store1, module, NULL, NULL);
  wasm_extern_vec_t ex1, ex2;
  wasm_instance_exports(instance, &ex1);
  wasm_instance_exports(instance, &ex2);
  CHECK(ex1.data[0] != ex2.data[0] && wasm_extern_same(ex1.data[0], ex2.data[0]));
  CHECK(wasm_func_get_host_info(export_func(&ex2, 0)) == NULL);
  wasm_func_set_host_info_with_finalizer(export_func(&ex1, 0), (void *)7, finalize);
  g_live++;
  CHECK(wasm_func_get_host_info(export_func(&ex2, 0)) == (void *)7);
  CHECK(wasm_extern_get_host_info(ex2.data[0]) == (void *)7);
  CHECK(wasm_ref_get_host_info(wasm_func_as_ref(export_func(&ex2, 0))) == (void *)7);
  // Replaced by other host info: the old finalizer runs now; set again to
  // the same pointer, it does not.
  wasm_global_set_host_info_with_finalizer(export_global(&ex1, 1), (void *)5, finalize);
  g_live++;
  wasm_global_set_host_info_with_finalizer(export_global(&ex2, 1), (void *)6, finalize);
  g_live++;
  CHECK(g_live == 2 * INSTANCES + 2 && g_sum == 5);
  wasm_global_set_host_info_with_finalizer(export_global(&ex1, 1), (void *)6, finalize);
  CHECK(g_live == 2 * INSTANCES + 2 && g_sum == 5);
  // Host info without a finalizer is only kept.
  wasm_instance_set_host_info(instance, (void *)99);
  CHECK(wasm_instance_get_host_info(instance) == (void *)99);
  wasm_extern_vec_delete(&ex1);
  wasm_extern_vec_delete(&ex2);
  wasm_instance_delete(instance);

  // Foreign objects: the same.
  wasm_foreign_t *foreign = wasm_foreign_new(store2);
  wasm_foreign_set_host_info_with_finalizer(foreign, (void *)11, finalize);
  g_live++;
  wasm_foreign_t *foreign2 = wasm_foreign_copy(foreign);
  wasm_foreign_delete(foreign);
  CHECK(wasm_foreign_get_host_info(foreign2) == (void *)11);
  wasm_foreign_delete(foreign2);
  CHECK(g_live == 2 * INSTANCES + 3);

  // The module: the last reference goes, but the stores still hold it.
  wasm_module_t *module2 = wasm_module_copy(module);
  CHECK(wasm_module_same(module, module2));
  CHECK(wasm_module_get_host_info(module2) == &g_module_done);
  wasm_module_delete(module);
  wasm_module_delete(module2);
  CHECK(g_module_done == 0);

  // Store 2: its instances and its foreign object.
  wasm_store_delete(store2);
  long sum2 = 0;
  for (long i = 0; i < INSTANCES; i++)
    sum2 += 100000 + i;
  CHECK(g_live == INSTANCES + 2 && g_sum == 5 + sum2 + 11);
  CHECK(g_module_done == 0);

  // Store 1: its instances, the function and the global; then the module,
  // nothing holding it any more.
  wasm_store_delete(store1);
  long sum1 = 0;
  for (long i = 0; i < INSTANCES; i++)
    sum1 += 1 + i;
  CHECK(g_live == 0 && g_sum == 5 + sum2 + 11 + sum1 + 7 + 6);
  CHECK(g_module_done == 1);
  wasm_engine_delete(engine);
  return pass("capi_finalize");
}
