// SPDX-License-Identifier: Apache-2.0
// wasm.h when memory runs out: a program that uses most of the API (a
// module, a host function, an instance, externrefs through calls, a global
// and a table, host info, reflection, a trap, a memory) runs again and
// again with the allocator failing at its first, second, third ...
// allocation, until it runs to its end. Every failure must show as the
// API's NULL, empty vector or trap: never a crash, and (under ASan) never a
// leak; and each host info finalizer runs exactly once.
#include "capi_test.h"
#include "util/alloc.h"

static long g_left = -1; // allocations before the failing one; -1: none fails
static unsigned long g_failed;

static void *failing_realloc(void *ud, void *p, size_t n) {
  (void)ud;
  if (n == 0) {
    free(p);
    return NULL;
  }
  if (g_left == 0) {
    g_failed++;
    return NULL;
  }
  if (g_left > 0)
    g_left--;
  return realloc(p, n);
}

static int g_info_set, g_info_done;
static void info_done(void *p) {
  (void)p;
  g_info_done++;
}

static wasm_trap_t *echo(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  wasm_val_copy(&results->data[0], &args->data[0]);
  return NULL;
}

// Calls f (one externref argument, results as given); deletes what it
// returns. True if it returned normally.
static bool call_ref(const wasm_func_t *f, wasm_ref_t *arg, size_t nres) {
  wasm_val_t a[1] = {WASM_REF_VAL(arg)}, r[1] = {WASM_INIT_VAL};
  wasm_trap_t *trap = call(f, a, 1, r, nres);
  if (trap) {
    wasm_message_t msg;
    wasm_trap_message(trap, &msg); // may be empty, out of memory
    wasm_byte_vec_delete(&msg);
    wasm_trap_delete(trap);
    return false;
  }
  if (nres)
    wasm_val_delete(&r[0]);
  return true;
}

// The program. True if every step succeeded.
static bool scenario(const wasm_byte_vec_t *bin) {
  bool ok = false;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = engine ? wasm_store_new(engine) : NULL;
  wasm_module_t *module = store ? wasm_module_new(store, bin) : NULL;
  wasm_functype_t *ft =
      module ? wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref())
             : NULL;
  wasm_func_t *echo_func = ft ? wasm_func_new(store, ft, echo) : NULL;
  wasm_functype_delete(ft);
  wasm_instance_t *instance = NULL;
  wasm_extern_vec_t exports = WASM_EMPTY_VEC;
  wasm_foreign_t *foreign = NULL;
  if (echo_func) {
    wasm_extern_t *externs[] = {wasm_func_as_extern(echo_func)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_trap_t *trap = NULL;
    instance = wasm_instance_new(store, module, &imports, &trap);
    CHECK(!instance || !trap);
    wasm_trap_delete(trap);
  }
  if (instance)
    wasm_instance_exports(instance, &exports);
  if (exports.size == 8)
    foreign = wasm_foreign_new(store);
  if (foreign) {
    wasm_foreign_set_host_info_with_finalizer(foreign, &g_info_set, info_done);
    g_info_set++;
    wasm_ref_t *ref = wasm_foreign_as_ref(foreign);
    wasm_global_t *global = wasm_extern_as_global(exports.data[0]);
    wasm_table_t *table = wasm_extern_as_table(exports.data[1]);
    bool steps = call_ref(wasm_extern_as_func(exports.data[6]), ref, 1);     // echo
    steps = call_ref(wasm_extern_as_func(exports.data[2]), ref, 0) && steps; // global_set
    wasm_val_t v;
    wasm_global_get(global, &v);
    steps = v.of.ref != NULL && steps;
    wasm_val_delete(&v);
    steps = wasm_table_set(table, 2, ref) && steps;
    wasm_ref_t *got = wasm_table_get(table, 2);
    steps = got != NULL && steps;
    wasm_ref_delete(got);
    steps = !call_ref(wasm_extern_as_func(exports.data[3]), ref, 1) && steps; // wrong arity: a trap
    wasm_exporttype_vec_t types;
    wasm_module_exports(module, &types);
    steps = types.size == 8 && steps;
    wasm_exporttype_vec_delete(&types);
    wasm_limits_t lim = {1, 3};
    wasm_memorytype_t *mt = wasm_memorytype_new(&lim);
    wasm_memory_t *mem = mt ? wasm_memory_new(store, mt) : NULL;
    steps = mem && wasm_memory_grow(mem, 2) && steps;
    wasm_memory_delete(mem);
    wasm_memorytype_delete(mt);
    ok = steps;
  }
  wasm_foreign_delete(foreign);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(echo_func);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return ok;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_byte_vec_t bin = load_wat("hostref");
  wd_set_allocator(failing_realloc, NULL);
  long n = 0;
  for (;; n++) {
    CHECK(n < 100000);
    g_left = n;
    unsigned long failed = g_failed;
    bool ok = scenario(&bin);
    g_left = -1;
    CHECK(g_info_done == g_info_set); // each finalizer once, with its store
    if (g_failed == failed) {         // nothing failed: the whole program ran
      CHECK(ok);
      break;
    }
  }
  wd_set_allocator(NULL, NULL);
  wasm_byte_vec_delete(&bin);
  printf("capi_oom: %ld runs, each failing one allocation, then one that ran to its end\n", n);
  return pass("capi_oom");
}
