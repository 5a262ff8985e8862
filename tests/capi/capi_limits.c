// SPDX-License-Identifier: Apache-2.0
// ward's limits (ward/limits.h) on a wasm.h store, through ward_wasm_config
// and ward_wasm_store: fuel that runs out, an interruption, and the
// store's memory limit, each seen as wasm.h shows it (a trap, a failed
// growth).
#include "capi_test.h"

static int32_t spin(const wasm_func_t *f, int32_t n, wasm_trap_t **trap) {
  wasm_val_t args[1] = {WASM_I32_VAL(n)}, r[1] = {WASM_INIT_VAL};
  *trap = call(f, args, 1, r, 1);
  return r[0].of.i32;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_config_t *config = wasm_config_new();
  ward_wasm_config(config)->consume_fuel = true;
  ward_wasm_config(config)->interruptible = true;
  wasm_engine_t *engine = wasm_engine_new_with_config(config);
  wasm_store_t *store = wasm_store_new(engine);
  ward_store_t *ws = ward_wasm_store(store);
  CHECK(ward_store_set_fuel(ws, 100000) == NULL);
  wasm_module_t *module = load_module(store, "spin");
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, NULL, &exports);
  wasm_memory_t *mem = export_memory(&exports, 0);
  wasm_func_t *spin_f = export_func(&exports, 1);
  wasm_func_t *grow_f = export_func(&exports, 2);
  char buf[128];
  wasm_trap_t *trap;

  // Fuel: a short run pays for itself; a long one runs out.
  CHECK(spin(spin_f, 100, &trap) == 100 && trap == NULL);
  uint64_t left;
  CHECK(ward_store_get_fuel(ws, &left) == NULL && left < 100000 && left > 90000);
  spin(spin_f, 1000000, &trap);
  CHECK(trap != NULL && strcmp(trap_text(trap, buf, sizeof buf), "all fuel consumed") == 0);
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_OUT_OF_FUEL);
  wasm_trap_delete(trap);
  CHECK(ward_store_set_fuel(ws, UINT64_MAX / 2) == NULL);
  CHECK(spin(spin_f, 1000, &trap) == 1000 && trap == NULL);

  // Interruption: asked for before the call, it stops the call; cleared,
  // calls run again.
  ward_store_interrupt(ws);
  spin(spin_f, 1000, &trap);
  CHECK(trap != NULL && strcmp(trap_text(trap, buf, sizeof buf), "interrupt") == 0);
  CHECK(ward_trap_code(ward_wasm_trap(trap)) == WARD_TRAP_INTERRUPT);
  wasm_trap_delete(trap);
  ward_store_interrupt_clear(ws);
  CHECK(spin(spin_f, 10, &trap) == 10 && trap == NULL);

  // The store's memory limit: 3 pages in all. The instance's memory (1
  // page) grows to 3 and no further, from wasm or from the host; a new
  // memory beyond it is not made.
  ward_store_limits_t lim;
  ward_store_limits_init(&lim);
  lim.max_memory_bytes = 3 * 65536;
  ward_store_set_limits(ws, &lim);
  wasm_val_t a[1] = {WASM_I32_VAL(2)}, r[1];
  CHECK(call(grow_f, a, 1, r, 1) == NULL && r[0].of.i32 == 1);
  CHECK(wasm_memory_size(mem) == 3);
  a[0] = (wasm_val_t)WASM_I32_VAL(1);
  CHECK(call(grow_f, a, 1, r, 1) == NULL && r[0].of.i32 == -1);
  CHECK(!wasm_memory_grow(mem, 1) && wasm_memory_size(mem) == 3);
  wasm_limits_t one = {1, 1};
  wasm_memorytype_t *mt = wasm_memorytype_new(&one);
  CHECK(wasm_memory_new(store, mt) == NULL);
  wasm_memorytype_delete(mt);
  CHECK(ward_store_memory_bytes(ws) == 3 * 65536);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_limits");
}
