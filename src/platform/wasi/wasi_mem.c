// SPDX-License-Identifier: Apache-2.0
// Virtual memory on WASI: there is none to manage. A wasm program's memory
// is one linear memory that only grows, with no mmap and no protection, so
// nothing can be reserved without committing it: wd_os_reserve says so
// (NULL), and the runtime takes its heap path for linear memories
// (src/runtime/store.c: explicit bounds checks, malloc and realloc).
#include "platform/platform.h"

void *wd_os_reserve(size_t size) {
  (void)size;
  return NULL;
}

// Nothing is ever reserved, so nothing can be committed.
bool wd_os_commit(void *p, size_t size) { return size == 0 && p; }

void wd_os_release(void *p, size_t size) {
  (void)p;
  (void)size;
}

// Nothing is ever committed, so nothing can be given back.
bool wd_os_decommit(void *p, size_t size) { return size == 0 && p; }
bool wd_os_discard(void *p, size_t size) { return size == 0 && p; }

// The wasm page: the unit in which the program's memory grows.
size_t wd_os_page_size(void) { return 65536; }
