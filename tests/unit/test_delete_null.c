// SPDX-License-Identifier: Apache-2.0
// Every *_delete of the API accepts NULL and does nothing (include/ward.h),
// which a host's single cleanup path relies on (examples/embed): no call
// crashes, and none touches the allocator.
#include <stdlib.h>

#include "util/alloc.h"
#include "ward.h"
#include "check.h"

static size_t g_calls; // allocator calls since the hook was installed

static void *counting_realloc(void *ud, void *ptr, size_t size) {
  (void)ud;
  g_calls++;
  if (size == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, size);
}

int main(void) {
  wd_set_allocator(counting_realloc, NULL);
  ward_engine_delete(NULL);
  ward_store_delete(NULL);
  ward_module_delete(NULL);
  ward_linker_delete(NULL);
  ward_functype_delete(NULL);
  ward_trap_delete(NULL);
  ward_error_delete(NULL);
  ward_wasi_config_delete(NULL);
  ward_wasi_delete(NULL);
  CHECK(g_calls == 0);

  // The hook counts: a real object goes through it, both ways.
  ward_functype_t *ft = ward_functype_new(NULL, 0, NULL, 0);
  CHECK(ft != NULL);
  size_t after_new = g_calls;
  CHECK(after_new > 0);
  ward_functype_delete(ft);
  CHECK(g_calls > after_new);
  wd_set_allocator(NULL, NULL);

  printf("delete_null: %d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
