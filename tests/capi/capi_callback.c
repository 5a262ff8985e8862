// SPDX-License-Identifier: Apache-2.0
// wasm.h host functions: one without an environment, one with an
// environment and a finalizer (called once, when the store is deleted),
// their arguments and results; and calls that do not fit the function's
// type.
#include "capi_test.h"

typedef struct counter {
  int32_t next;
  int finalized;
} counter_t;

static wasm_trap_t *twice(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 1 && args->data[0].kind == WASM_I64);
  CHECK(results->size == 1 && results->data[0].kind == WASM_I64); // set for the callee
  results->data[0].of.i64 = args->data[0].of.i64 * 2;
  return NULL;
}

static wasm_trap_t *next(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  counter_t *c = env;
  CHECK(args->size == 0 && results->size == 1);
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = c->next++;
  return NULL;
}

static void counter_finalize(void *env) { ((counter_t *)env)->finalized++; }

static int64_t run(const wasm_func_t *f, int64_t x) {
  wasm_val_t args[1] = {WASM_I64_VAL(x)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  CHECK(call(f, args, 1, results, 1) == NULL);
  CHECK(results[0].kind == WASM_I64);
  return results[0].of.i64;
}

int main(int argc, char **argv) {
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "callback");

  wasm_functype_t *twice_type =
      wasm_functype_new_1_1(wasm_valtype_new_i64(), wasm_valtype_new_i64());
  wasm_functype_t *next_type = wasm_functype_new_0_1(wasm_valtype_new_i32());
  counter_t counter = {7, 0};
  wasm_func_t *twice_func = wasm_func_new(store, twice_type, twice);
  wasm_func_t *next_func =
      wasm_func_new_with_env(store, next_type, next, &counter, counter_finalize);
  CHECK(twice_func && next_func);
  wasm_functype_delete(twice_type);
  wasm_functype_delete(next_type);

  // The host functions' types as the API gives them back.
  wasm_functype_t *t = wasm_func_type(next_func);
  CHECK(wasm_functype_params(t)->size == 0 && wasm_functype_results(t)->size == 1);
  CHECK(wasm_valtype_kind(wasm_functype_results(t)->data[0]) == WASM_I32);
  wasm_functype_delete(t);

  wasm_extern_t *externs[] = {wasm_func_as_extern(twice_func), wasm_func_as_extern(next_func)};
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
  wasm_extern_vec_t exports;
  wasm_instance_t *instance = instantiate(store, module, &imports, &exports);
  const wasm_func_t *run_func = export_func(&exports, 0);

  // run(x) = twice(x) + next(): 2x plus 7, 8, 9, ...
  CHECK(run(run_func, 20) == 47);
  CHECK(run(run_func, 1) == 10);
  CHECK(run(run_func, -100) == -191);
  CHECK(counter.next == 10);

  // The host functions called directly.
  wasm_val_t args[2] = {WASM_I64_VAL(21), WASM_I32_VAL(0)};
  wasm_val_t results[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
  CHECK(call(twice_func, args, 1, results, 1) == NULL && results[0].of.i64 == 42);
  CHECK(call(next_func, NULL, 0, results, 1) == NULL && results[0].of.i32 == 10);

  // Calls that do not fit: too many arguments, an argument of the wrong
  // kind, no room for the result. Each is a trap that says so.
  char buf[256];
  wasm_trap_t *trap = call(run_func, args, 2, results, 1);
  CHECK(trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "wrong number of arguments") != NULL);
  wasm_trap_delete(trap);
  args[0] = (wasm_val_t)WASM_I32_VAL(3);
  trap = call(run_func, args, 1, results, 1);
  CHECK(trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "wrong kind") != NULL);
  wasm_trap_delete(trap);
  args[0] = (wasm_val_t)WASM_I64_VAL(3);
  trap = call(run_func, args, 1, results, 0);
  CHECK(trap != NULL);
  CHECK(strstr(trap_text(trap, buf, sizeof buf), "no room for the results") != NULL);
  wasm_trap_delete(trap);
  CHECK(counter.next == 12); // the last call ran before its results were refused

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_func_delete(twice_func);
  wasm_func_delete(next_func);
  CHECK(counter.finalized == 0); // the function lives in the store
  wasm_store_delete(store);
  CHECK(counter.finalized == 1);
  wasm_engine_delete(engine);
  return pass("capi_callback");
}
