// SPDX-License-Identifier: Apache-2.0
// Sleeping (libc nanosleep/usleep → poll_oneoff on a relative clock) never
// returns early, for several durations.
#include <time.h>
#include <unistd.h>
#include "wasi_check.h"

int main(void) {
  const long ms[] = {1, 10, 35, 120};
  for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
    uint64_t t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
    struct timespec ts = {0, ms[i] * 1000000L};
    int r = nanosleep(&ts, NULL);
    uint64_t dt = now_ns(__WASI_CLOCKID_MONOTONIC) - t0;
    char what[64];
    snprintf(what, sizeof what, "nanosleep(%ld ms) returns 0", ms[i]);
    CHECK_EQ(what, r, 0);
    snprintf(what, sizeof what, "nanosleep(%ld ms) slept long enough (us)", ms[i]);
    wc_checks++;
    if (dt < (uint64_t)ms[i] * 1000000ull)
      wc_fail("%s (got %llu, want >= %ld)", what, (unsigned long long)(dt / 1000), ms[i] * 1000);
    wc_info("nanosleep(%ld ms) took %llu us", ms[i], (unsigned long long)(dt / 1000));
  }
  uint64_t t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  usleep(25000);
  CHECK_TRUE("usleep(25000) slept >= 25 ms", now_ns(__WASI_CLOCKID_MONOTONIC) - t0 >= 25000000ull);
  done();
}
