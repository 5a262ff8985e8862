// SPDX-License-Identifier: Apache-2.0
// Timers (platform.h): a POSIX thread waiting on a condition variable with
// a deadline of the monotonic clock, where the system lets a condition use
// it, else of the real-time clock.
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "platform/platform.h"

#if defined(__APPLE__) || !defined(CLOCK_MONOTONIC)
#define WD_TIMER_MONOTONIC 0 // no pthread_condattr_setclock
#define WD_TIMER_CLOCK CLOCK_REALTIME
#else
#define WD_TIMER_MONOTONIC 1
#define WD_TIMER_CLOCK CLOCK_MONOTONIC
#endif

struct wd_os_timer {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t cond;
  struct timespec deadline;
  bool cancelled, fired;
  void (*fn)(void *);
  void *arg;
};

static void *timer_main(void *p) {
  wd_os_timer_t *t = p;
  pthread_mutex_lock(&t->lock);
  int r = 0;
  while (!t->cancelled && r != ETIMEDOUT)
    r = pthread_cond_timedwait(&t->cond, &t->lock, &t->deadline);
  bool fire = !t->cancelled;
  t->fired = fire;
  pthread_mutex_unlock(&t->lock);
  if (fire)
    t->fn(t->arg);
  return NULL;
}

wd_os_timer_t *wd_os_timer_start(uint64_t ns, void (*fn)(void *), void *arg) {
  wd_os_timer_t *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->fn = fn;
  t->arg = arg;
  clock_gettime(WD_TIMER_CLOCK, &t->deadline);
  uint64_t sec = ns / 1000000000u + (uint64_t)t->deadline.tv_sec;
  uint64_t nsec = ns % 1000000000u + (uint64_t)t->deadline.tv_nsec;
  if (nsec >= 1000000000u) {
    nsec -= 1000000000u;
    sec++;
  }
  // A deadline beyond what time_t holds waits as long as time_t can.
  time_t max = (time_t)((~(uint64_t)0) >> (65 - 8 * sizeof(time_t)));
  t->deadline.tv_sec = sec > (uint64_t)max ? max : (time_t)sec;
  t->deadline.tv_nsec = (long)nsec;
  pthread_condattr_t ca;
  bool ok = pthread_condattr_init(&ca) == 0;
#if WD_TIMER_MONOTONIC
  ok = ok && pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) == 0;
#endif
  ok = ok && pthread_cond_init(&t->cond, &ca) == 0;
  pthread_condattr_destroy(&ca);
  if (!ok) {
    free(t);
    return NULL;
  }
  if (pthread_mutex_init(&t->lock, NULL) != 0) {
    pthread_cond_destroy(&t->cond);
    free(t);
    return NULL;
  }
  if (pthread_create(&t->thread, NULL, timer_main, t) != 0) {
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->cond);
    free(t);
    return NULL;
  }
  return t;
}

bool wd_os_timer_stop(wd_os_timer_t *t) {
  if (!t)
    return false;
  pthread_mutex_lock(&t->lock);
  t->cancelled = true;
  pthread_cond_signal(&t->cond);
  pthread_mutex_unlock(&t->lock);
  pthread_join(t->thread, NULL);
  bool fired = t->fired;
  pthread_mutex_destroy(&t->lock);
  pthread_cond_destroy(&t->cond);
  free(t);
  return fired;
}
