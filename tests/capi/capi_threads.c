// SPDX-License-Identifier: Apache-2.0
// wasm.h across threads: a module compiled once and shared
// (wasm_module_share), obtained by several threads, each in a store of its
// own, instantiated there with the thread's own imports and run again and
// again; the shared module outlives the store that compiled it.
//
// The engine is wasm_engine_new's default: each function is translated on
// its first call, which the threads here make at once (runtime: the
// translation is published atomically; the `tsan` preset checks it).
#if !defined(_WIN32) && !defined(__wasi__)
#define _POSIX_C_SOURCE 200809L // threads.h: fork, waitpid, kill, nanosleep
#endif
#include <stdatomic.h>

#include "capi_test.h"

#if !defined(__wasi__)
#include "../unit/threads.h"
#endif

enum { THREADS = 8, REPS = 50 };

typedef struct worker {
  wasm_engine_t *engine;
  const wasm_shared_module_t *shared;
  int32_t id;
  int reports; // calls of report with the right values
  int errors;
} worker_t;

static atomic_int g_running, g_max_running;
#if !defined(__wasi__)
static atomic_int g_ready; // threads at the start line
#endif

static wasm_trap_t *report(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  worker_t *w = env;
  (void)results;
  int32_t id = args->data[0].of.i32, sum = args->data[1].of.i32;
  // The sum 1..id, in wasm's wrapping i32 arithmetic.
  uint32_t want = (uint32_t)((uint64_t)(uint32_t)id * ((uint32_t)id + 1) / 2);
  if (id == w->id && (uint32_t)sum == want)
    w->reports++;
  else
    w->errors++;
  return NULL;
}

static void work(worker_t *w) {
#if !defined(__wasi__)
  // Every thread starts when all are there, so that they run at once.
  atomic_fetch_add(&g_ready, 1);
  while (atomic_load(&g_ready) < THREADS)
    ;
#endif
  int now = atomic_fetch_add(&g_running, 1) + 1;
  for (int max = atomic_load(&g_max_running); now > max;)
    if (atomic_compare_exchange_weak(&g_max_running, &max, now))
      break;
  wasm_store_t *store = wasm_store_new(w->engine);
  wasm_module_t *module = store ? wasm_module_obtain(store, w->shared) : NULL;
  if (!module) {
    w->errors++;
    wasm_store_delete(store);
    return;
  }
  for (int rep = 0; rep < REPS; rep++) {
    wasm_functype_t *ft = wasm_functype_new_2_0(wasm_valtype_new_i32(), wasm_valtype_new_i32());
    wasm_func_t *f = wasm_func_new_with_env(store, ft, report, w, NULL);
    wasm_functype_delete(ft);
    wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
    wasm_val_t id = WASM_I32_VAL(w->id);
    wasm_global_t *g = wasm_global_new(store, gt, &id);
    wasm_globaltype_delete(gt);
    wasm_extern_t *externs[] = {wasm_func_as_extern(f), wasm_global_as_extern(g)};
    wasm_extern_vec_t imports = WASM_ARRAY_VEC(externs);
    wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
    wasm_func_delete(f);
    wasm_global_delete(g);
    if (!instance) {
      w->errors++;
      break;
    }
    wasm_extern_vec_t exports;
    wasm_instance_exports(instance, &exports);
    wasm_instance_delete(instance);
    wasm_val_vec_t none = WASM_EMPTY_VEC;
    const wasm_func_t *run = exports.size == 1 ? wasm_extern_as_func(exports.data[0]) : NULL;
    wasm_trap_t *trap = run ? wasm_func_call(run, &none, &none) : NULL;
    if (!run || trap)
      w->errors++;
    wasm_trap_delete(trap);
    wasm_extern_vec_delete(&exports);
  }
  wasm_module_delete(module);
  wasm_store_delete(store);
  atomic_fetch_sub(&g_running, 1);
}

#if !defined(__wasi__)
static THREAD_FN thread_main(void *arg) {
  work(arg);
  return THREAD_END;
}
#endif

int main(int argc, char **argv) {
#if !defined(__wasi__)
  // qemu-i386 7.2 (the i686 cross build's emulator) starts no thread:
  // skipped there (status 77), saying why.
  if (!test_threads_work()) {
    printf("SKIP: capi_threads: threads do not start here (qemu-i386 7.2 never returns from "
           "pthread_create)\n");
    return 77;
  }
#endif
  g_wat_dir = argc > 1 ? argv[1] : ".";
  wasm_config_t *config = wasm_config_new();
  CHECK(config != NULL);
  wasm_engine_t *engine = wasm_engine_new_with_config(config);
  CHECK(engine != NULL);

  // Compile in a store of its own, share, and let that store go.
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = load_module(store, "threads");
  wasm_shared_module_t *shared = wasm_module_share(module);
  CHECK(shared != NULL);
  wasm_module_delete(module);
  wasm_store_delete(store);

  // A store of another engine cannot obtain it.
  wasm_engine_t *other = wasm_engine_new();
  wasm_store_t *other_store = wasm_store_new(other);
  CHECK(wasm_module_obtain(other_store, shared) == NULL);
  wasm_store_delete(other_store);
  wasm_engine_delete(other);

  worker_t workers[THREADS];
  for (int i = 0; i < THREADS; i++)
    workers[i] = (worker_t){engine, shared, 20000 + 1000 * i, 0, 0};
#if !defined(__wasi__)
  thread_t threads[THREADS];
  bool started[THREADS];
  for (int i = 0; i < THREADS; i++)
    CHECK((started[i] = thread_start(&threads[i], thread_main, &workers[i])));
  for (int i = 0; i < THREADS; i++)
    if (started[i])
      thread_join(threads[i]);
#else
  for (int i = 0; i < THREADS; i++) // no threads on WASI: one store after another
    work(&workers[i]);
#endif
  for (int i = 0; i < THREADS; i++) {
    CHECK(workers[i].errors == 0);
    CHECK(workers[i].reports == REPS);
  }
  CHECK(atomic_load(&g_running) == 0 && atomic_load(&g_max_running) >= 1);
  printf("capi_threads: at most %d threads ran at once\n", atomic_load(&g_max_running));

  // The shared module still makes modules in new stores.
  store = wasm_store_new(engine);
  module = wasm_module_obtain(store, shared);
  CHECK(module != NULL);
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  CHECK(exports.size == 1);
  wasm_exporttype_vec_delete(&exports);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_shared_module_delete(shared);
  wasm_engine_delete(engine);
  return pass("capi_threads");
}
