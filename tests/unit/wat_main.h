// SPDX-License-Identifier: Apache-2.0
// For a unit test of the public API over one text module: main(), which
// converts the module to binary and runs the test's run(bytes, n, eager)
// with lazy translation, then eager, and prints the counts of check.h; and
// the engine, store, module and instance such a run needs. Included once
// per test program, after check.h.
#ifndef WD_TEST_WAT_MAIN_H
#define WD_TEST_WAT_MAIN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward.h"

// An engine (eager or lazy translation), a store and the module of bytes;
// wat_env_open checks that the module loads (false if not).
typedef struct wat_env {
  ward_engine_t *e;
  ward_store_t *s;
  ward_module_t *m;
} wat_env_t;

static bool wat_env_open(wat_env_t *w, const uint8_t *bytes, size_t n, bool eager) {
  ward_config_t cfg;
  ward_config_init(&cfg);
  cfg.eager_compile = eager;
  w->e = ward_engine_new(&cfg);
  w->s = ward_store_new(w->e);
  w->m = NULL;
  ward_error_t *err = ward_module_new(w->e, bytes, n, &w->m);
  CHECK(err == NULL && w->m != NULL);
  if (err)
    ward_error_delete(err);
  return w->m != NULL;
}

// An instance of m in s whose one import is a host function cb of the
// given type; checks that it instantiates (NULL if not).
static inline ward_instance_t *wat_instance_with_host(ward_store_t *s, const ward_module_t *m,
                                                      const ward_valkind_t *params, size_t nparams,
                                                      const ward_valkind_t *results,
                                                      size_t nresults, ward_host_callback_t cb) {
  ward_functype_t *ft = ward_functype_new(params, nparams, results, nresults);
  ward_extern_t imp = {.kind = WARD_EXTERN_FUNC};
  imp.of.func = ward_func_new(s, ft, cb, NULL, NULL);
  ward_functype_delete(ft);
  ward_instance_t *inst = NULL;
  ward_trap_t *trap = NULL;
  ward_error_t *err = ward_instance_new(s, m, &imp, 1, &inst, &trap);
  CHECK(err == NULL && trap == NULL && inst != NULL);
  if (err)
    ward_error_delete(err);
  if (trap)
    ward_trap_delete(trap);
  return inst;
}

static void wat_env_close(wat_env_t *w) {
  ward_store_delete(w->s);
  if (w->m)
    ward_module_delete(w->m);
  ward_engine_delete(w->e);
}

#define WAT_TEST_MAIN(name, wat)                                                                   \
  int main(void) {                                                                                 \
    uint8_t *bytes = NULL;                                                                         \
    size_t n = 0;                                                                                  \
    wd_text_error_t terr;                                                                          \
    const char *wat_ = (wat);                                                                      \
    bool ok = wd_wat_to_wasm(wat_, strlen(wat_), &bytes, &n, &terr);                               \
    CHECK(ok);                                                                                     \
    if (!ok)                                                                                       \
      printf("%s\n", terr.msg);                                                                    \
    if (ok) {                                                                                      \
      run(bytes, n, false);                                                                        \
      run(bytes, n, true);                                                                         \
      free(bytes);                                                                                 \
    }                                                                                              \
    printf("%s: %d passed, %d failed\n", name, passed, failed);                                    \
    return failed ? 1 : 0;                                                                         \
  }

#endif
