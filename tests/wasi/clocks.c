// SPDX-License-Identifier: Apache-2.0
// clock_res_get/clock_time_get: every clock has res > 0; monotonic never goes
// back; realtime is near the host time (argv[1], seconds since the epoch);
// the cpu-time clocks advance with work; unknown ids give EINVAL.
#include "wasi_check.h"

int main(int argc, char **argv) {
  REQUIRE_TRUE("argv[1] is the host time", argc == 2);
  for (__wasi_clockid_t id = 0; id < 4; id++) {
    __wasi_timestamp_t res = 0, t = 0;
    char what[64];
    snprintf(what, sizeof what, "clock_res_get(%u)", (unsigned)id);
    CHECK_OK(what, __wasi_clock_res_get(id, &res));
    snprintf(what, sizeof what, "clock_res_get(%u) > 0", (unsigned)id);
    CHECK_TRUE(what, res > 0);
    snprintf(what, sizeof what, "clock_res_get(%u) <= 1 s", (unsigned)id);
    CHECK_TRUE(what, res <= 1000000000ull);
    snprintf(what, sizeof what, "clock_time_get(%u)", (unsigned)id);
    CHECK_OK(what, __wasi_clock_time_get(id, 0, &t));
    wc_info("clock %u: res %llu ns, time %llu", (unsigned)id, (unsigned long long)res,
            (unsigned long long)t);
  }
  const __wasi_clockid_t bad[] = {4, 5, 100, 0x7fffffff, 0xffffffff};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    __wasi_timestamp_t t = 12345;
    char what[64];
    snprintf(what, sizeof what, "clock_res_get(%u)", (unsigned)bad[i]);
    CHECK_ERRNO(what, __wasi_clock_res_get(bad[i], &t), __WASI_ERRNO_INVAL);
    snprintf(what, sizeof what, "clock_time_get(%u)", (unsigned)bad[i]);
    CHECK_ERRNO(what, __wasi_clock_time_get(bad[i], 0, &t), __WASI_ERRNO_INVAL);
    CHECK_EQ("out value untouched on error", t, 12345);
  }
  // Monotonic never decreases.
  uint64_t prev = now_ns(__WASI_CLOCKID_MONOTONIC);
  int back = 0;
  for (int i = 0; i < 20000; i++) {
    uint64_t t = now_ns(__WASI_CLOCKID_MONOTONIC);
    if (t < prev)
      back++;
    prev = t;
  }
  CHECK_EQ("monotonic went backwards (times)", back, 0);
  // Realtime within 120 s of the host's clock.
  long long host = atoll(argv[1]);
  long long guest = (long long)(now_ns(__WASI_CLOCKID_REALTIME) / 1000000000ull);
  wc_info("realtime %lld s, host %lld s", guest, host);
  CHECK_TRUE("realtime within 120 s of host time", guest > host - 120 && guest < host + 120);
  // Monotonic advances over 20 ms of work/sleep; cputime advances with work.
  uint64_t m0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  uint64_t c0 = now_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
  volatile uint64_t x = 0;
  // At least 30 ms busy, and on until the process has had 1 ms of CPU (a
  // loaded machine may run it for less than that in 30 ms), for 5 s at most.
  uint64_t c1 = c0, m1 = m0;
  while ((m1 = now_ns(__WASI_CLOCKID_MONOTONIC)) - m0 < 30000000ull ||
         ((c1 = now_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID)) < c0 + 1000000ull &&
          m1 - m0 < 5000000000ull))
    x += 1;
  wc_info("busy loop ran %llu times", (unsigned long long)x);
  c1 = now_ns(__WASI_CLOCKID_PROCESS_CPUTIME_ID);
  wc_info("process cputime advanced %llu ns over %llu ms busy", (unsigned long long)(c1 - c0),
          (unsigned long long)((m1 - m0) / 1000000u));
  CHECK_TRUE("process cputime advances while busy (>= 1 ms within 5 s)", c1 >= c0 + 1000000ull);
  done();
}
