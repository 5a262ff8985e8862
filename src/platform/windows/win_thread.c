// SPDX-License-Identifier: Apache-2.0
// Mutexes on Windows (platform.h): slim reader/writer locks, taken
// exclusively. They need no destruction and cannot fail to initialise.
#include <windows.h>

#include "platform/platform.h"
#include "util/alloc.h"

struct wd_mutex {
  SRWLOCK lock;
};

wd_mutex_t *wd_mutex_new(void) {
  wd_mutex_t *m = wd_malloc(sizeof *m);
  if (m)
    InitializeSRWLock(&m->lock);
  return m;
}

void wd_mutex_free(wd_mutex_t *m) { wd_free(m); }
void wd_mutex_lock(wd_mutex_t *m) { AcquireSRWLockExclusive(&m->lock); }
void wd_mutex_unlock(wd_mutex_t *m) { ReleaseSRWLockExclusive(&m->lock); }
