// SPDX-License-Identifier: Apache-2.0
// What the wasm.h tests share: checks that stop the test with the failing
// line, and loading a guest from tests/capi/wat (text, converted by ward's
// text parser; the directory is the test's first argument).
#ifndef WARD_CAPI_TEST_H
#define WARD_CAPI_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ward/wasm_ext.h"
#include "wasm.h"

static const char *g_wat_dir = ".";
static unsigned g_checks;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    g_checks++;                                                                                    \
    if (!(cond)) {                                                                                 \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                     \
      exit(1);                                                                                     \
    }                                                                                              \
  } while (0)

// The guest `name` (tests/capi/wat/NAME.wat) as a binary module, which the
// caller deletes with wasm_byte_vec_delete.
static inline wasm_byte_vec_t load_wat(const char *name) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s.wat", g_wat_dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    exit(1);
  }
  char *text = NULL;
  size_t len = 0, cap = 0, n;
  do {
    if (len == cap) {
      cap = cap ? cap * 2 : 4096;
      text = realloc(text, cap);
      CHECK(text != NULL);
    }
    n = fread(text + len, 1, cap - len, f);
    len += n;
  } while (n > 0);
  fclose(f);
  uint8_t *bin;
  size_t size;
  wd_text_error_t err;
  if (!wd_wat_to_wasm(text, len, &bin, &size, &err)) {
    fprintf(stderr, "%s:%u:%u: %s\n", path, err.line, err.col, err.msg);
    exit(1);
  }
  free(text);
  wasm_byte_vec_t out;
  wasm_byte_vec_new(&out, size, (const wasm_byte_t *)bin);
  free(bin);
  return out;
}

// The module `name`, compiled in store.
static inline wasm_module_t *load_module(wasm_store_t *store, const char *name) {
  wasm_byte_vec_t bin = load_wat(name);
  wasm_module_t *m = wasm_module_new(store, &bin);
  wasm_byte_vec_delete(&bin);
  CHECK(m != NULL);
  return m;
}

// An instance of module in store with imports (NULL: none), checked; its
// exports in *exports. The caller deletes both.
static inline wasm_instance_t *instantiate(wasm_store_t *store, const wasm_module_t *module,
                                           const wasm_extern_vec_t *imports,
                                           wasm_extern_vec_t *exports) {
  wasm_instance_t *instance = wasm_instance_new(store, module, imports, NULL);
  CHECK(instance != NULL);
  wasm_instance_exports(instance, exports);
  return instance;
}

// Export i of exports as a function (global, table, memory), checked.
static inline wasm_func_t *export_func(const wasm_extern_vec_t *exports, size_t i) {
  CHECK(i < exports->size && wasm_extern_kind(exports->data[i]) == WASM_EXTERN_FUNC);
  return wasm_extern_as_func(exports->data[i]);
}
static inline wasm_global_t *export_global(const wasm_extern_vec_t *exports, size_t i) {
  CHECK(i < exports->size && wasm_extern_kind(exports->data[i]) == WASM_EXTERN_GLOBAL);
  return wasm_extern_as_global(exports->data[i]);
}
static inline wasm_table_t *export_table(const wasm_extern_vec_t *exports, size_t i) {
  CHECK(i < exports->size && wasm_extern_kind(exports->data[i]) == WASM_EXTERN_TABLE);
  return wasm_extern_as_table(exports->data[i]);
}
static inline wasm_memory_t *export_memory(const wasm_extern_vec_t *exports, size_t i) {
  CHECK(i < exports->size && wasm_extern_kind(exports->data[i]) == WASM_EXTERN_MEMORY);
  return wasm_extern_as_memory(exports->data[i]);
}

// A trap's message as a C string (its NUL included in the vector), into buf.
static inline const char *trap_text(const wasm_trap_t *trap, char *buf, size_t size) {
  wasm_message_t msg;
  wasm_trap_message(trap, &msg);
  CHECK(msg.size >= 1 && msg.data[msg.size - 1] == '\0');
  snprintf(buf, size, "%s", msg.data);
  wasm_byte_vec_delete(&msg);
  return buf;
}

// Calls f with args; returns its trap (or NULL) and fills results.
static inline wasm_trap_t *call(const wasm_func_t *f, wasm_val_t *args, size_t nargs,
                                wasm_val_t *results, size_t nresults) {
  wasm_val_vec_t a = {nargs, args}, r = {nresults, results};
  return wasm_func_call(f, &a, &r);
}

// Ends a test that passed.
static inline int pass(const char *name) {
  printf("%s: ok: %u checks\n", name, g_checks);
  return 0;
}

#endif
