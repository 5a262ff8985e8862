// SPDX-License-Identifier: Apache-2.0
// Mutexes on WASI (platform.h): wasm32-wasi has one thread, so a mutex is
// an object that locks nothing.
#include "platform/platform.h"
#include "util/alloc.h"

struct wd_mutex {
  char unused; // a struct needs a member
};

wd_mutex_t *wd_mutex_new(void) { return wd_malloc(sizeof(wd_mutex_t)); }
void wd_mutex_free(wd_mutex_t *m) { wd_free(m); }
void wd_mutex_lock(wd_mutex_t *m) { (void)m; }
void wd_mutex_unlock(wd_mutex_t *m) { (void)m; }
