// SPDX-License-Identifier: Apache-2.0
// wasm.h and start functions: one that traps two calls deep (no instance;
// the trap, its message and its frames), one that runs to its end; and
// instantiations that fail to link (the trap says why).
#include "capi_test.h"

static int g_started;

static wasm_trap_t *started(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args;
  (void)results;
  g_started++;
  return NULL;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_functype_t *type = wasm_functype_new_0_0();
  wasm_func_t *started_func = wasm_func_new(store, type, started);
  wasm_functype_delete(type);
  wasm_extern_t *externs[] = {wasm_func_as_extern(started_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  char buf[256];

  // start -> deeper -> unreachable. Function indices: started 0, deeper 1,
  // start 2.
  wasm_module_t *module = load_module(store, "start");
  wasm_trap_t *trap = NULL;
  CHECK(wasm_instance_new(store, module, &imports, &trap) == NULL);
  CHECK(trap != NULL && g_started == 1);
  CHECK(strcmp(trap_text(trap, buf, sizeof buf), "unreachable") == 0);
  wasm_frame_t *origin = wasm_trap_origin(trap);
  CHECK(origin != NULL && wasm_frame_func_index(origin) == 1);
  CHECK(wasm_frame_instance(origin) != NULL);
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size == 2);
  CHECK(wasm_frame_func_index(trace.data[0]) == 1 && wasm_frame_func_index(trace.data[1]) == 2);
  // Both frames are of the same (partly made) instance, and name their
  // instructions: deeper's unreachable (byte 1 of its body, after the
  // empty locals) before start's second call (byte 3).
  CHECK(wasm_instance_same(wasm_frame_instance(trace.data[0]), wasm_frame_instance(origin)));
  CHECK(wasm_frame_instance(trace.data[1]) == wasm_frame_instance(origin));
  CHECK(wasm_frame_module_offset(trace.data[0]) == wasm_frame_module_offset(origin));
  CHECK(wasm_frame_module_offset(trace.data[0]) < wasm_frame_module_offset(trace.data[1]));
  CHECK(wasm_frame_module_offset(trace.data[0]) > 0);
  wasm_frame_t *copy = wasm_frame_copy(trace.data[1]);
  CHECK(wasm_frame_func_offset(trace.data[0]) == 1);
  CHECK(wasm_frame_func_index(copy) == 2 && wasm_frame_func_offset(copy) == 3);
  CHECK(wasm_frame_instance(copy) == wasm_frame_instance(trace.data[1]));
  wasm_frame_delete(copy);
  wasm_frame_vec_delete(&trace);
  wasm_frame_delete(origin);
  wasm_trap_delete(trap);
  // Without a place for the trap, the failure is only NULL.
  CHECK(wasm_instance_new(store, module, &imports, NULL) == NULL && g_started == 2);
  wasm_module_delete(module);

  // A start function that ends: the instance is made, its global set.
  module = load_module(store, "start_ok");
  wasm_instance_t *instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance != NULL && trap == NULL && g_started == 3);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_t ready;
  wasm_global_get(export_global(&exports, 0), &ready);
  CHECK(ready.kind == WASM_I32 && ready.of.i32 == 1);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  // Linking that fails: no imports, an import of the wrong kind, a NULL
  // import, a function of the wrong type. The start function never runs.
  CHECK(wasm_instance_new(store, module, NULL, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "wrong number of imports") != NULL);
  wasm_trap_delete(trap);
  wasm_limits_t lim = {1, 1};
  wasm_memorytype_t *mt = wasm_memorytype_new(&lim);
  wasm_memory_t *mem = wasm_memory_new(store, mt);
  wasm_memorytype_delete(mt);
  wasm_extern_t *wrong[] = {wasm_memory_as_extern(mem)};
  wasm_extern_vec_t wrong_vec = WASM_ARRAY_VEC(wrong);
  CHECK(wasm_instance_new(store, module, &wrong_vec, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "incompatible import type for env::started"));
  wasm_trap_delete(trap);
  wrong[0] = NULL;
  CHECK(wasm_instance_new(store, module, &wrong_vec, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "NULL") != NULL);
  wasm_trap_delete(trap);
  type = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t *other = wasm_func_new(store, type, started);
  wasm_functype_delete(type);
  wrong[0] = wasm_func_as_extern(other);
  CHECK(wasm_instance_new(store, module, &wrong_vec, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "incompatible import type") != NULL);
  // A link failure happens before any wasm code: no frames.
  CHECK(wasm_trap_origin(trap) == NULL);
  wasm_trap_delete(trap);
  CHECK(g_started == 3);
  // An import from another store.
  wasm_store_t *store2 = wasm_store_new(engine);
  CHECK(wasm_instance_new(store2, module, &imports, &trap) == NULL && trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "another store") != NULL);
  wasm_trap_delete(trap);
  wasm_store_delete(store2);

  wasm_func_delete(other);
  wasm_memory_delete(mem);
  wasm_module_delete(module);
  wasm_func_delete(started_func);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_start");
}
