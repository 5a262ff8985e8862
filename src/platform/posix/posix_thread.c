// SPDX-License-Identifier: Apache-2.0
// Mutexes on POSIX hosts (platform.h): pthread_mutex_t.
#include <pthread.h>

#include "platform/platform.h"
#include "util/alloc.h"

struct wd_mutex {
  pthread_mutex_t m;
};

wd_mutex_t *wd_mutex_new(void) {
  wd_mutex_t *m = wd_malloc(sizeof *m);
  if (m && pthread_mutex_init(&m->m, NULL) != 0) {
    wd_free(m);
    return NULL;
  }
  return m;
}

void wd_mutex_free(wd_mutex_t *m) {
  if (!m)
    return;
  pthread_mutex_destroy(&m->m);
  wd_free(m);
}

// A default mutex fails to lock or unlock only when used wrongly (never
// initialised, or unlocked by a thread that does not hold it): bugs of
// ours, which the sanitizers' runs would show.
void wd_mutex_lock(wd_mutex_t *m) { pthread_mutex_lock(&m->m); }
void wd_mutex_unlock(wd_mutex_t *m) { pthread_mutex_unlock(&m->m); }
