// SPDX-License-Identifier: Apache-2.0
// poll_oneoff with clock subscriptions: a relative timeout waits at least
// that long; an absolute one (subscription_clock_abstime) waits until the
// deadline; an expired absolute deadline fires at once; of two clocks the
// earlier fires first with its own userdata; nsubscriptions 0 is EINVAL.
#include "wasi_check.h"

static __wasi_subscription_t clock_sub(uint64_t ud, __wasi_clockid_t id, uint64_t timeout,
                                       int abs) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = __WASI_EVENTTYPE_CLOCK;
  s.u.u.clock.id = id;
  s.u.u.clock.timeout = timeout;
  s.u.u.clock.precision = 0;
  s.u.u.clock.flags = abs ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
  return s;
}

int main(void) {
  __wasi_event_t ev[4];
  __wasi_size_t n = 99;
  __wasi_subscription_t s[2];
  CHECK_ERRNO("poll_oneoff with 0 subscriptions", __wasi_poll_oneoff(s, ev, 0, &n),
              __WASI_ERRNO_INVAL);

  s[0] = clock_sub(0x1122334455667788ull, __WASI_CLOCKID_MONOTONIC, 50000000, 0);
  memset(ev, 0xCC, sizeof ev);
  uint64_t t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  CHECK_OK("poll relative 50 ms", __wasi_poll_oneoff(s, ev, 1, &n));
  uint64_t dt = now_ns(__WASI_CLOCKID_MONOTONIC) - t0;
  wc_info("relative 50 ms took %llu us", (unsigned long long)(dt / 1000));
  CHECK_EQ("one event", n, 1);
  CHECK_EQ("event userdata", ev[0].userdata, 0x1122334455667788ull);
  CHECK_EQ("event type clock", ev[0].type, __WASI_EVENTTYPE_CLOCK);
  CHECK_EQ("event error", ev[0].error, 0);
  CHECK_TRUE("waited >= 50 ms", dt >= 50000000ull);
  CHECK_TRUE("waited < 2 s", dt < 2000000000ull);

  uint64_t deadline = now_ns(__WASI_CLOCKID_MONOTONIC) + 40000000ull;
  s[0] = clock_sub(7, __WASI_CLOCKID_MONOTONIC, deadline, 1);
  CHECK_OK("poll absolute monotonic +40 ms", __wasi_poll_oneoff(s, ev, 1, &n));
  uint64_t after = now_ns(__WASI_CLOCKID_MONOTONIC);
  CHECK_TRUE("absolute: woke at or after the deadline", after >= deadline);
  CHECK_TRUE("absolute: woke within 2 s of the deadline", after < deadline + 2000000000ull);
  CHECK_EQ("absolute: userdata", ev[0].userdata, 7);

  uint64_t rdeadline = now_ns(__WASI_CLOCKID_REALTIME) + 30000000ull;
  s[0] = clock_sub(8, __WASI_CLOCKID_REALTIME, rdeadline, 1);
  CHECK_OK("poll absolute realtime +30 ms", __wasi_poll_oneoff(s, ev, 1, &n));
  CHECK_TRUE("absolute realtime: woke at or after the deadline",
             now_ns(__WASI_CLOCKID_REALTIME) >= rdeadline);

  s[0] = clock_sub(9, __WASI_CLOCKID_MONOTONIC, 1000, 1); // long past
  t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  CHECK_OK("poll expired absolute", __wasi_poll_oneoff(s, ev, 1, &n));
  dt = now_ns(__WASI_CLOCKID_MONOTONIC) - t0;
  CHECK_TRUE("expired absolute fires at once (< 100 ms)", dt < 100000000ull);
  CHECK_EQ("expired absolute: one event", n, 1);

  s[0] = clock_sub(100, __WASI_CLOCKID_MONOTONIC, 2000000000ull, 0);
  s[1] = clock_sub(200, __WASI_CLOCKID_MONOTONIC, 20000000ull, 0);
  t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  CHECK_OK("poll two clocks (2 s, 20 ms)", __wasi_poll_oneoff(s, ev, 2, &n));
  dt = now_ns(__WASI_CLOCKID_MONOTONIC) - t0;
  CHECK_EQ("two clocks: one event", n, 1);
  CHECK_EQ("two clocks: the 20 ms one fired", ev[0].userdata, 200);
  CHECK_TRUE("two clocks: returned before 1 s", dt < 1000000000ull);
  s[0] = clock_sub(5, 77, 1000, 0);
  n = 0;
  int32_t e = __wasi_poll_oneoff(s, ev, 1, &n);
  if (e == 0) {
    CHECK_EQ("bad clock id: one event", n, 1);
    CHECK_EQ("bad clock id: event error EINVAL", ev[0].error, __WASI_ERRNO_INVAL);
  } else {
    CHECK_ERRNO("poll with a bad clock id", e, __WASI_ERRNO_INVAL);
  }
  done();
}
