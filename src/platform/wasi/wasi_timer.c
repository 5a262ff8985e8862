// SPDX-License-Identifier: Apache-2.0
// Timers (platform.h): WASI preview1 has no threads, so there are none.
#include "platform/platform.h"

wd_os_timer_t *wd_os_timer_start(uint64_t ns, void (*fn)(void *), void *arg) {
  (void)ns;
  (void)fn;
  (void)arg;
  return NULL;
}

bool wd_os_timer_stop(wd_os_timer_t *t) {
  (void)t;
  return false;
}
