// SPDX-License-Identifier: Apache-2.0
// wasm.h memories: an exported memory read and written by the host and by
// wasm code, its bounds (traps beyond them), growth from the host and from
// wasm code up to its maximum, its type, and a memory the host makes.
#include "capi_test.h"

static int32_t call_i32(const wasm_func_t *f, int32_t a, int32_t b, size_t nargs) {
  wasm_val_t args[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  CHECK(call(f, args, nargs, r, 1) == NULL);
  CHECK(r[0].kind == WASM_I32);
  return r[0].of.i32;
}

static bool traps(const wasm_func_t *f, int32_t a, int32_t b, size_t nargs, size_t nres) {
  wasm_val_t args[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_trap_t *trap = call(f, args, nargs, r, nres);
  if (!trap)
    return false;
  char buf[128];
  CHECK(strcmp(trap_text(trap, buf, sizeof buf), "out of bounds memory access") == 0);
  wasm_trap_delete(trap);
  return true;
}

static void check_limits(const wasm_memory_t *m, uint32_t min, uint32_t max) {
  wasm_memorytype_t *t = wasm_memory_type(m);
  CHECK(t != NULL);
  CHECK(wasm_memorytype_limits(t)->min == min && wasm_memorytype_limits(t)->max == max);
  wasm_memorytype_delete(t);
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "memory");
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, NULL, &exports);
  wasm_memory_t *mem = export_memory(&exports, 0);
  wasm_func_t *pages = export_func(&exports, 1);
  wasm_func_t *grow = export_func(&exports, 2);
  wasm_func_t *load = export_func(&exports, 3);
  wasm_func_t *store8 = export_func(&exports, 4);
  wasm_module_delete(module);

  wasm_memory_t *copy = wasm_memory_copy(mem);
  CHECK(wasm_memory_same(mem, copy));
  wasm_memory_delete(copy);

  // The data segment, seen from both sides.
  CHECK(wasm_memory_size(mem) == 1 && wasm_memory_data_size(mem) == MEMORY_PAGE_SIZE);
  CHECK(memcmp(wasm_memory_data(mem) + 100, "ward", 4) == 0);
  CHECK(call_i32(load, 100, 0, 1) == 'w' && call_i32(load, 103, 0, 1) == 'd');
  CHECK(call_i32(pages, 0, 0, 0) == 1);
  check_limits(mem, 1, 4);

  // Writes from each side, read from the other; the last byte and one
  // beyond it.
  wasm_memory_data(mem)[200] = 42;
  CHECK(call_i32(load, 200, 0, 1) == 42);
  CHECK(call(store8, (wasm_val_t[]){WASM_I32_VAL(65535), WASM_I32_VAL(0x1ff)}, 2, NULL, 0) == NULL);
  CHECK((uint8_t)wasm_memory_data(mem)[65535] == 0xff);
  CHECK(traps(load, 65536, 0, 1, 1));
  CHECK(traps(store8, 65536, 1, 2, 0));
  CHECK(traps(load, -1, 0, 1, 1));

  // The host grows it: the new page is zeroed and within bounds, and wasm
  // code sees the size.
  CHECK(wasm_memory_grow(mem, 1));
  CHECK(wasm_memory_size(mem) == 2 && wasm_memory_data_size(mem) == 2 * MEMORY_PAGE_SIZE);
  CHECK(call_i32(pages, 0, 0, 0) == 2);
  CHECK(call_i32(load, 65536, 0, 1) == 0 && call_i32(load, 131071, 0, 1) == 0);
  CHECK(traps(load, 131072, 0, 1, 1));
  CHECK(memcmp(wasm_memory_data(mem) + 100, "ward", 4) == 0); // kept across growth
  check_limits(mem, 2, 4);

  // Wasm code grows it; the host sees the size. Beyond the maximum (4)
  // neither side can.
  CHECK(call_i32(grow, 1, 0, 1) == 2);
  CHECK(wasm_memory_size(mem) == 3);
  CHECK(call_i32(grow, 2, 0, 1) == -1);
  CHECK(!wasm_memory_grow(mem, 2));
  CHECK(wasm_memory_grow(mem, 1) && wasm_memory_size(mem) == 4);
  CHECK(!wasm_memory_grow(mem, 1));
  CHECK(wasm_memory_grow(mem, 0) && wasm_memory_size(mem) == 4);
  wasm_memory_data(mem)[4 * MEMORY_PAGE_SIZE - 1] = 9;
  CHECK(call_i32(load, 4 * 65536 - 1, 0, 1) == 9);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  // A memory of the host's: no maximum, then one of exactly 3 pages.
  wasm_limits_t unbounded = {1, wasm_limits_max_default};
  wasm_memorytype_t *mt = wasm_memorytype_new(&unbounded);
  wasm_memory_t *m1 = wasm_memory_new(store, mt);
  wasm_memorytype_delete(mt);
  CHECK(m1 != NULL && wasm_memory_size(m1) == 1);
  check_limits(m1, 1, wasm_limits_max_default);
  CHECK(wasm_memory_grow(m1, 9) && wasm_memory_size(m1) == 10);
  wasm_limits_t fixed = {3, 3};
  mt = wasm_memorytype_new(&fixed);
  wasm_memory_t *m3 = wasm_memory_new(store, mt);
  wasm_memorytype_delete(mt);
  CHECK(m3 != NULL && wasm_memory_size(m3) == 3 && wasm_memory_data_size(m3) == 3 * 65536);
  CHECK(!wasm_memory_grow(m3, 1) && wasm_memory_grow(m3, 0));
  CHECK(!wasm_memory_same(m1, m3));
  // Limits that cannot be: min above max.
  wasm_limits_t inverted = {4, 2};
  mt = wasm_memorytype_new(&inverted);
  CHECK(wasm_memory_new(store, mt) == NULL);
  wasm_memorytype_delete(mt);
  wasm_memory_delete(m1);
  wasm_memory_delete(m3);

  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_memory");
}
