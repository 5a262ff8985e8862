// SPDX-License-Identifier: Apache-2.0
// Timers (platform.h): a thread waiting on an event with a timeout.
#include <stdlib.h>
#include <windows.h>

#include "platform/platform.h"

struct wd_os_timer {
  HANDLE thread, cancel;
  DWORD ms;
  volatile LONG fired;
  void (*fn)(void *);
  void *arg;
};

static DWORD WINAPI timer_main(LPVOID p) {
  wd_os_timer_t *t = p;
  if (WaitForSingleObject(t->cancel, t->ms) == WAIT_TIMEOUT) {
    InterlockedExchange(&t->fired, 1);
    t->fn(t->arg);
  }
  return 0;
}

wd_os_timer_t *wd_os_timer_start(uint64_t ns, void (*fn)(void *), void *arg) {
  wd_os_timer_t *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  uint64_t ms = (ns + 999999u) / 1000000u; // rounded up: never early
  t->ms = ms >= INFINITE ? INFINITE - 1 : (DWORD)ms;
  t->fn = fn;
  t->arg = arg;
  t->cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!t->cancel) {
    free(t);
    return NULL;
  }
  t->thread = CreateThread(NULL, 0, timer_main, t, 0, NULL);
  if (!t->thread) {
    CloseHandle(t->cancel);
    free(t);
    return NULL;
  }
  return t;
}

bool wd_os_timer_stop(wd_os_timer_t *t) {
  if (!t)
    return false;
  SetEvent(t->cancel);
  WaitForSingleObject(t->thread, INFINITE);
  bool fired = InterlockedCompareExchange(&t->fired, 0, 0) != 0;
  CloseHandle(t->thread);
  CloseHandle(t->cancel);
  free(t);
  return fired;
}
