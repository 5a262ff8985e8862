// SPDX-License-Identifier: Apache-2.0
// wasm.h tables: an exported funcref table that wasm code calls through,
// read, written and grown by the host (with wasm functions, a host
// function and nulls), its bounds and maximum; a table the host makes.
#include "capi_test.h"

static wasm_trap_t *triple(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 3 * args->data[0].of.i32;
  return NULL;
}

// call(i, x): table[i](x), or the trap's message in *msg.
static int32_t call_at(const wasm_func_t *f, int32_t i, int32_t x, const char **msg) {
  static char buf[128];
  wasm_val_t args[2] = {WASM_I32_VAL(i), WASM_I32_VAL(x)};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_trap_t *trap = call(f, args, 2, r, 1);
  *msg = trap ? trap_text(trap, buf, sizeof buf) : NULL;
  wasm_trap_delete(trap);
  return trap ? 0 : r[0].of.i32;
}

static bool entry_set(const wasm_table_t *t, wasm_table_size_t i) {
  wasm_ref_t *r = wasm_table_get(t, i);
  wasm_ref_delete(r);
  return r != NULL;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "table");
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, NULL, &exports);
  wasm_module_delete(module);
  wasm_table_t *table = export_table(&exports, 0);
  wasm_func_t *inc = export_func(&exports, 1);
  wasm_func_t *neg = export_func(&exports, 2);
  wasm_func_t *callf = export_func(&exports, 3);
  wasm_func_t *size = export_func(&exports, 4);
  wasm_functype_t *type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t *host = wasm_func_new(store, type, triple);
  wasm_functype_delete(type);
  const char *msg;

  // The element segment: [null, inc, neg].
  CHECK(wasm_table_size(table) == 3);
  CHECK(!entry_set(table, 0) && entry_set(table, 1) && entry_set(table, 2));
  wasm_ref_t *r1 = wasm_table_get(table, 1);
  CHECK(wasm_ref_same(r1, wasm_func_as_ref(inc)) && !wasm_ref_same(r1, wasm_func_as_ref(neg)));
  // An entry read back is a function that can be called.
  const wasm_func_t *f1 = wasm_ref_as_func_const(r1);
  CHECK(f1 != NULL && wasm_ref_as_table(r1) == NULL);
  wasm_val_t a[1] = {WASM_I32_VAL(41)}, res[1];
  CHECK(call(f1, a, 1, res, 1) == NULL && res[0].of.i32 == 42);
  wasm_ref_delete(r1);
  CHECK(call_at(callf, 1, 9, &msg) == 10 && !msg);
  CHECK(call_at(callf, 2, 9, &msg) == -9 && !msg);
  call_at(callf, 0, 9, &msg);
  CHECK(msg && strstr(msg, "uninitialized element") == msg);
  call_at(callf, 3, 9, &msg);
  CHECK(msg && strstr(msg, "undefined element") == msg);

  // The host writes: neg at 0, the host function at 1, a null at 2.
  CHECK(wasm_table_set(table, 0, wasm_func_as_ref(neg)));
  CHECK(wasm_table_set(table, 1, wasm_func_as_ref(host)));
  CHECK(wasm_table_set(table, 2, NULL));
  CHECK(!wasm_table_set(table, 3, wasm_func_as_ref(inc))); // out of bounds
  // Only functions go in a funcref table.
  wasm_foreign_t *foreign = wasm_foreign_new(store);
  CHECK(!wasm_table_set(table, 0, wasm_foreign_as_ref(foreign)));
  CHECK(call_at(callf, 0, 5, &msg) == -5 && !msg);
  CHECK(call_at(callf, 1, 5, &msg) == 15 && !msg);
  call_at(callf, 2, 5, &msg);
  CHECK(msg && strstr(msg, "uninitialized element") == msg);
  CHECK(wasm_table_get(table, 3) == NULL);

  // Growing: with nulls, then with a function, up to the maximum (6).
  CHECK(wasm_table_grow(table, 1, NULL) && wasm_table_size(table) == 4);
  wasm_val_t sz[1];
  CHECK(call(size, NULL, 0, sz, 1) == NULL && sz[0].of.i32 == 4);
  CHECK(!entry_set(table, 3));
  CHECK(wasm_table_grow(table, 2, wasm_func_as_ref(inc)) && wasm_table_size(table) == 6);
  CHECK(entry_set(table, 4) && entry_set(table, 5));
  CHECK(call_at(callf, 5, 1, &msg) == 2 && !msg);
  CHECK(!wasm_table_grow(table, 1, NULL) && wasm_table_size(table) == 6);
  CHECK(wasm_table_grow(table, 0, NULL));
  wasm_tabletype_t *tt = wasm_table_type(table);
  CHECK(wasm_tabletype_limits(tt)->min == 6 && wasm_tabletype_limits(tt)->max == 6);
  CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF);
  wasm_tabletype_delete(tt);

  wasm_table_t *copy = wasm_table_copy(table);
  CHECK(wasm_table_same(copy, table));
  wasm_table_delete(copy);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  // A table of the host's, every entry the host function; then a full
  // one of 2, and limits that cannot be.
  wasm_limits_t lim = {4, wasm_limits_max_default};
  tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
  wasm_table_t *t2 = wasm_table_new(store, tt, wasm_func_as_ref(host));
  wasm_tabletype_delete(tt);
  CHECK(t2 != NULL && wasm_table_size(t2) == 4);
  for (wasm_table_size_t i = 0; i < 4; i++) {
    wasm_ref_t *r = wasm_table_get(t2, i);
    CHECK(wasm_ref_same(r, wasm_func_as_ref(host)));
    wasm_ref_delete(r);
  }
  CHECK(wasm_table_grow(t2, 100, NULL) && wasm_table_size(t2) == 104);
  lim = (wasm_limits_t){2, 2};
  tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
  wasm_table_t *t3 = wasm_table_new(store, tt, NULL);
  CHECK(t3 && !wasm_table_grow(t3, 1, NULL) && wasm_table_grow(t3, 0, NULL));
  wasm_tabletype_delete(tt);
  lim = (wasm_limits_t){3, 2};
  tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
  CHECK(wasm_table_new(store, tt, NULL) == NULL);
  wasm_tabletype_delete(tt);
  // A funcref table cannot start with a foreign object.
  lim = (wasm_limits_t){1, 1};
  tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
  CHECK(wasm_table_new(store, tt, wasm_foreign_as_ref(foreign)) == NULL);
  wasm_tabletype_delete(tt);

  wasm_table_delete(t2);
  wasm_table_delete(t3);
  wasm_foreign_delete(foreign);
  wasm_func_delete(host);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_table");
}
