// SPDX-License-Identifier: Apache-2.0
// wasm.h references as externref values: foreign objects (and other
// references: a function, a module) through a wasm global, a table and
// calls both ways, read back as the same objects with their host info;
// values that own references; references of another store; a host pointer
// put in through ward's own API.
#include "capi_test.h"

static int g_echoes;

// echo(r) = r; checks it sees the host info of what it gets.
static wasm_trap_t *echo(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 1 && args->data[0].kind == WASM_EXTERNREF);
  const wasm_ref_t *r = args->data[0].of.ref;
  CHECK(r == NULL || wasm_ref_get_host_info(r) != NULL || g_echoes >= 100);
  wasm_val_copy(&results->data[0], &args->data[0]);
  g_echoes++;
  return NULL;
}

static wasm_val_t ref_val(wasm_ref_t *r) {
  wasm_val_t v = WASM_REF_VAL(r);
  return v;
}

// f(args...) -> an externref (owned by the caller), checked not to trap.
static wasm_ref_t *call_r(const wasm_func_t *f, wasm_val_t *args, size_t n) {
  wasm_val_t r[1] = {WASM_INIT_VAL};
  CHECK(call(f, args, n, r, 1) == NULL);
  CHECK(r[0].kind == WASM_EXTERNREF);
  return r[0].of.ref;
}

// Whether got (which this deletes) refers to what want does.
static bool same(wasm_ref_t *got, const wasm_ref_t *want) {
  bool ok = got == want || (got && want && wasm_ref_same(got, want));
  wasm_ref_delete(got);
  return ok;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "hostref");
  wasm_functype_t *type =
      wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  wasm_func_t *echo_func = wasm_func_new(store, type, echo);
  wasm_functype_delete(type);
  wasm_extern_t *externs[] = {wasm_func_as_extern(echo_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  wasm_global_t *global = export_global(&exports, 0);
  wasm_table_t *table = export_table(&exports, 1);
  wasm_func_t *global_set = export_func(&exports, 2);
  wasm_func_t *global_get = export_func(&exports, 3);
  wasm_func_t *table_set = export_func(&exports, 4);
  wasm_func_t *table_get = export_func(&exports, 5);
  wasm_func_t *echo_wasm = export_func(&exports, 6);
  wasm_func_t *is_null = export_func(&exports, 7);

  wasm_ref_t *host1 = wasm_foreign_as_ref(wasm_foreign_new(store));
  wasm_ref_t *host2 = wasm_foreign_as_ref(wasm_foreign_new(store));
  CHECK(host1 && host2 && !wasm_ref_same(host1, host2));
  wasm_ref_set_host_info(host1, (void *)1);
  wasm_ref_set_host_info(host2, (void *)2);
  CHECK(wasm_ref_as_foreign(host1) != NULL && wasm_ref_as_func(host1) == NULL);

  // A value owns its reference: a copy is another reference to the same
  // object; deleting the value deletes only its own.
  wasm_val_t v = ref_val(wasm_ref_copy(host1)), v2;
  wasm_val_copy(&v2, &v);
  CHECK(v2.of.ref != v.of.ref && wasm_ref_same(v2.of.ref, host1));
  wasm_val_delete(&v);
  CHECK(wasm_ref_get_host_info(v2.of.ref) == (void *)1);
  wasm_val_delete(&v2);

  // Through the global: set by wasm code, read by wasm code and the host;
  // set by the host, read by wasm code.
  CHECK(same(call_r(global_get, NULL, 0), NULL));
  wasm_val_t a = ref_val(host1);
  CHECK(call(global_set, &a, 1, NULL, 0) == NULL);
  wasm_ref_t *got = call_r(global_get, NULL, 0);
  CHECK(got != host1 && wasm_ref_get_host_info(got) == (void *)1);
  CHECK(same(got, host1));
  wasm_global_get(global, &v);
  CHECK(v.kind == WASM_EXTERNREF && same(v.of.ref, host1));
  v = ref_val(host2);
  wasm_global_set(global, &v);
  CHECK(same(call_r(global_get, NULL, 0), host2));
  v = ref_val(NULL);
  wasm_global_set(global, &v);
  CHECK(same(call_r(global_get, NULL, 0), NULL));

  // Through the table.
  wasm_val_t ta[2] = {WASM_I32_VAL(3), ref_val(host2)};
  CHECK(call(table_set, ta, 2, NULL, 0) == NULL);
  CHECK(same(wasm_table_get(table, 3), host2));
  CHECK(same(wasm_table_get(table, 0), NULL));
  CHECK(wasm_table_set(table, 0, host1));
  ta[0] = (wasm_val_t)WASM_I32_VAL(0);
  CHECK(same(call_r(table_get, ta, 1), host1));
  CHECK(wasm_table_grow(table, 2, host2) && wasm_table_size(table) == 6);
  ta[0] = (wasm_val_t)WASM_I32_VAL(5);
  CHECK(same(call_r(table_get, ta, 1), host2));

  // Through calls: wasm code passes it on to the host, which returns it.
  a = ref_val(host1);
  CHECK(same(call_r(echo_wasm, &a, 1), host1) && g_echoes == 1);
  a = ref_val(NULL);
  CHECK(same(call_r(echo_wasm, &a, 1), NULL) && g_echoes == 2);
  wasm_val_t r[1];
  a = ref_val(host2);
  CHECK(call(is_null, &a, 1, r, 1) == NULL && r[0].of.i32 == 0);
  a = ref_val(NULL);
  CHECK(call(is_null, &a, 1, r, 1) == NULL && r[0].of.i32 == 1);

  // Any reference may be an externref: a function, a module. They come
  // back as what they are.
  g_echoes = 100; // they have no host info
  a = ref_val(wasm_func_as_ref(is_null));
  got = call_r(echo_wasm, &a, 1);
  CHECK(wasm_ref_as_func(got) != NULL && wasm_ref_same(got, wasm_func_as_ref(is_null)));
  // ... and can be called once back.
  a = ref_val(NULL);
  CHECK(call(wasm_ref_as_func(got), &a, 1, r, 1) == NULL && r[0].of.i32 == 1);
  wasm_ref_delete(got);
  a = ref_val(wasm_module_as_ref(module));
  got = call_r(echo_wasm, &a, 1);
  CHECK(wasm_ref_as_module(got) != NULL && wasm_ref_same(got, wasm_module_as_ref(module)));
  wasm_ref_delete(got);

  // A reference of another store is refused.
  wasm_store_t *store2 = wasm_store_new(engine);
  wasm_ref_t *alien = wasm_foreign_as_ref(wasm_foreign_new(store2));
  a = ref_val(alien);
  wasm_trap_t *trap = call(global_set, &a, 1, NULL, 0);
  char buf[256];
  CHECK(trap != NULL && strstr(trap_text(trap, buf, sizeof buf), "another store") != NULL);
  wasm_trap_delete(trap);
  CHECK(!wasm_table_set(table, 1, alien));
  wasm_ref_delete(alien);
  wasm_store_delete(store2);

  // A host pointer put in through ward's API reads as a foreign object,
  // the same one each time it comes back.
  ward_extern_t ext;
  CHECK(ward_wasm_extern(wasm_global_as_extern(global), &ext) && ext.kind == WARD_EXTERN_GLOBAL);
  static int plain;
  ward_val_t wv = {.kind = WARD_EXTERNREF, .of.externref = &plain};
  CHECK(ward_global_set(ext.of.global, wv));
  wasm_ref_t *p1 = call_r(global_get, NULL, 0), *p2 = call_r(global_get, NULL, 0);
  CHECK(p1 && wasm_ref_as_foreign(p1) && wasm_ref_same(p1, p2));
  CHECK(wasm_ref_get_host_info(p1) == NULL && !wasm_ref_same(p1, host1));
  a = ref_val(p1); // and goes back in as that pointer
  CHECK(call(global_set, &a, 1, NULL, 0) == NULL);
  ward_global_get(ext.of.global, &wv);
  CHECK(wv.kind == WARD_EXTERNREF && wv.of.externref == &plain);
  wasm_ref_delete(p1);
  wasm_ref_delete(p2);

  wasm_ref_delete(host1);
  wasm_ref_delete(host2);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_func_delete(echo_func);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return pass("capi_hostref");
}
