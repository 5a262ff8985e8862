// SPDX-License-Identifier: Apache-2.0
// poll_oneoff with fd subscriptions: a regular file is ready at once for
// reading (nbytes = bytes left from the offset) and writing; several
// subscriptions each report their own userdata; a bad fd gives a per-event
// EBADF (the call itself succeeds); stdout is writable.
#include "wasi_check.h"

static __wasi_subscription_t fd_sub(uint64_t ud, uint8_t type, int32_t fd) {
  __wasi_subscription_t s;
  memset(&s, 0, sizeof s);
  s.userdata = ud;
  s.u.tag = type;
  s.u.u.fd_read.file_descriptor = (__wasi_fd_t)fd;
  return s;
}

int main(void) {
  int32_t f = create_file(PRE, "data", 0);
  char blob[1000];
  memset(blob, 'b', sizeof blob);
  write_all(f, blob, sizeof blob);
  __wasi_filesize_t p;
  CHECK_OK("seek to 300", __wasi_fd_seek(f, 300, __WASI_WHENCE_SET, &p));
  __wasi_subscription_t s[4];
  __wasi_event_t ev[4];
  memset(ev, 0xCC, sizeof ev);
  s[0] = fd_sub(11, __WASI_EVENTTYPE_FD_READ, f);
  s[1] = fd_sub(22, __WASI_EVENTTYPE_FD_WRITE, f);
  s[2] = fd_sub(33, __WASI_EVENTTYPE_FD_WRITE, 1);
  memset(&s[3], 0, sizeof s[3]);
  s[3].userdata = 44;
  s[3].u.tag = __WASI_EVENTTYPE_CLOCK;
  s[3].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  s[3].u.u.clock.timeout = 5000000000ull; // 5 s: must not be what wakes us
  __wasi_size_t n = 0;
  uint64_t t0 = now_ns(__WASI_CLOCKID_MONOTONIC);
  CHECK_OK("poll file read/write + stdout + clock", __wasi_poll_oneoff(s, ev, 4, &n));
  uint64_t dt = now_ns(__WASI_CLOCKID_MONOTONIC) - t0;
  CHECK_TRUE("file/stdout readiness is immediate (< 1 s)", dt < 1000000000ull);
  CHECK_EQ("three fd events", n, 3);
  int seen11 = 0, seen22 = 0, seen33 = 0, other = 0;
  for (__wasi_size_t i = 0; i < n && i < 4; i++) {
    if (ev[i].userdata == 11) {
      seen11++;
      CHECK_EQ("read event type", ev[i].type, __WASI_EVENTTYPE_FD_READ);
      CHECK_EQ("read event error", ev[i].error, 0);
      CHECK_EQ("read event nbytes = size - offset", ev[i].fd_readwrite.nbytes, 700);
    } else if (ev[i].userdata == 22) {
      seen22++;
      CHECK_EQ("write event type", ev[i].type, __WASI_EVENTTYPE_FD_WRITE);
      CHECK_EQ("write event error", ev[i].error, 0);
    } else if (ev[i].userdata == 33) {
      seen33++;
      CHECK_EQ("stdout write event type", ev[i].type, __WASI_EVENTTYPE_FD_WRITE);
      CHECK_EQ("stdout write event error", ev[i].error, 0);
    } else {
      other++;
    }
  }
  CHECK_EQ("file read event once", seen11, 1);
  CHECK_EQ("file write event once", seen22, 1);
  CHECK_EQ("stdout write event once", seen33, 1);
  CHECK_EQ("events with unknown userdata", other, 0);

  s[0] = fd_sub(55, __WASI_EVENTTYPE_FD_READ, 9999);
  s[1] = fd_sub(66, __WASI_EVENTTYPE_FD_READ, f);
  memset(ev, 0xCC, sizeof ev);
  n = 0;
  CHECK_OK("poll with a bad fd (function errno is success)", __wasi_poll_oneoff(s, ev, 2, &n));
  int bad = 0, good = 0;
  for (__wasi_size_t i = 0; i < n && i < 4; i++) {
    if (ev[i].userdata == 55) {
      bad++;
      CHECK_EQ("bad fd: event error EBADF", ev[i].error, __WASI_ERRNO_BADF);
      CHECK_EQ("bad fd: event type fd_read", ev[i].type, __WASI_EVENTTYPE_FD_READ);
    }
    if (ev[i].userdata == 66)
      good++;
  }
  CHECK_EQ("bad fd reported as an event", bad, 1);
  CHECK_TRUE("the good fd reported too (or at least the bad one)", good <= 1);
  done();
}
