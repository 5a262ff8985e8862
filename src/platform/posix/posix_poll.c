// SPDX-License-Identifier: Apache-2.0
// POSIX readiness, time and randomness for WASI (platform_fs.h): poll(2),
// FIONREAD, clock_gettime/clock_getres, the secure random source, sleep.
#define _GNU_SOURCE 1
#define _DEFAULT_SOURCE 1
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64 // 64-bit time_t on 32-bit glibc hosts (needs the line above)
#define _DARWIN_C_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include "platform/platform_fs.h"
#include "platform/posix/posix_errno.h"
#include "platform/posix/posix_fd.h"
#include "util/alloc.h"

static uint64_t mono_ns(void) {
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
    return 0;
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

// poll(2)'s timeout for `ns` nanoseconds: rounded up to whole milliseconds
// so that poll never returns before the time asked for; capped at INT_MAX
// (the caller polls again until its deadline).
static int ns_to_ms(uint64_t ns) {
  uint64_t ms = ns / 1000000u + (ns % 1000000u != 0);
  return ms > (uint64_t)INT_MAX ? INT_MAX : (int)ms;
}

enum { POLL_STACK = 16 };

wd_errno_t wd_os_poll(wd_os_pollfd_t *fds, size_t n, int64_t timeout_ns, size_t *nready) {
  *nready = 0;
  if (n > (size_t)INT_MAX)
    return WD_EINVAL;
  struct pollfd stack[POLL_STACK];
  struct pollfd *p = stack;
  if (n > POLL_STACK && !(p = wd_malloc(n * sizeof *p)))
    return WD_ENOMEM;
  size_t invalid = 0; // entries whose descriptor cannot exist
  for (size_t i = 0; i < n; i++) {
    fds[i].revents = 0;
    fds[i].hangup = false;
    fds[i].error = false;
    p[i].fd = wd_posix_hfd(fds[i].fd); // -1: poll ignores it; reported below
    p[i].events = 0;
    if (fds[i].events & WD_OS_POLL_READ)
      p[i].events |= POLLIN;
    if (fds[i].events & WD_OS_POLL_WRITE)
      p[i].events |= POLLOUT;
    p[i].revents = 0;
    if (p[i].fd < 0)
      invalid++;
  }

  bool forever = timeout_ns < 0;
  uint64_t start = mono_ns();
  uint64_t total = forever ? 0 : (uint64_t)timeout_ns;
  uint64_t deadline = start + total < start ? UINT64_MAX : start + total;
  int r;
  for (;;) {
    int ms;
    if (invalid > 0) {
      ms = 0; // an invalid entry is an immediate result
    } else if (forever) {
      ms = -1;
    } else {
      uint64_t now = mono_ns();
      ms = now >= deadline ? 0 : ns_to_ms(deadline - now);
    }
    r = poll(n ? p : NULL, (nfds_t)n, ms);
    if (r < 0 && errno == EINTR)
      continue; // the remaining time is recomputed from the deadline
    if (r != 0 || ms == 0 || forever)
      break;
    if (mono_ns() >= deadline) // else poll's wait was capped or cut short
      break;
  }
  if (r < 0) {
    wd_errno_t e = wd_os_errno(errno);
    if (p != stack)
      wd_free(p);
    return e;
  }

  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    wd_os_pollfd_t *f = &fds[i];
    short re = p[i].revents;
    if (p[i].fd < 0 || (re & POLLNVAL)) {
      f->error = true;
    } else {
      if (re & POLLIN)
        f->revents |= WD_OS_POLL_READ;
      if (re & POLLOUT)
        f->revents |= WD_OS_POLL_WRITE;
      if (re & POLLHUP) {
        // The peer is gone: a read now returns end-of-file at once, so a
        // wait for reading is over (Linux reports POLLHUP without POLLIN).
        f->hangup = true;
        if (f->events & WD_OS_POLL_READ)
          f->revents |= WD_OS_POLL_READ;
      }
      if (re & POLLERR) {
        // A pending error: the next read/write reports it without waiting.
        f->error = true;
        f->revents |= f->events & (WD_OS_POLL_READ | WD_OS_POLL_WRITE);
      }
    }
    if (f->revents || f->hangup || f->error)
      count++;
  }
  if (p != stack)
    wd_free(p);
  *nready = count;
  return WD_ESUCCESS;
}

uint64_t wd_os_readable_bytes(wd_os_fd_t fd) {
  int avail = 0;
  if (ioctl(wd_posix_hfd(fd), FIONREAD, &avail) != 0 || avail < 0)
    return 0;
  return (uint64_t)avail;
}

// ---- clocks ----------------------------------------------------------------------

static bool host_clock(uint32_t id, clockid_t *out) {
  switch (id) {
  case WD_CLOCK_REALTIME: *out = CLOCK_REALTIME; return true;
  case WD_CLOCK_MONOTONIC: *out = CLOCK_MONOTONIC; return true;
  case WD_CLOCK_PROCESS_CPUTIME: *out = CLOCK_PROCESS_CPUTIME_ID; return true;
  case WD_CLOCK_THREAD_CPUTIME: *out = CLOCK_THREAD_CPUTIME_ID; return true;
  default: return false;
  }
}

wd_errno_t wd_os_clock_time(uint32_t clock_id, uint64_t *ns) {
  clockid_t c;
  if (!host_clock(clock_id, &c))
    return WD_EINVAL;
  struct timespec ts;
  if (clock_gettime(c, &ts) != 0)
    return wd_os_errno(errno);
  *ns = wd_posix_ns(&ts);
  return WD_ESUCCESS;
}

wd_errno_t wd_os_clock_res(uint32_t clock_id, uint64_t *ns) {
  clockid_t c;
  if (!host_clock(clock_id, &c))
    return WD_EINVAL;
  struct timespec ts;
  if (clock_getres(c, &ts) != 0)
    return wd_os_errno(errno);
  uint64_t r = wd_posix_ns(&ts);
  *ns = r ? r : 1; // a resolution is never 0
  return WD_ESUCCESS;
}

// ---- randomness --------------------------------------------------------------------

// /dev/urandom, for systems without getrandom or arc4random.
static wd_errno_t urandom(unsigned char *p, size_t len) {
  int fd;
  do
    fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return wd_os_errno(errno);
  while (len > 0) {
    ssize_t r = read(fd, p, len);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      wd_errno_t e = r < 0 ? wd_os_errno(errno) : WD_EIO;
      close(fd);
      return e;
    }
    p += r;
    len -= (size_t)r;
  }
  close(fd);
  return WD_ESUCCESS;
}

wd_errno_t wd_os_random(void *buf, size_t len) {
  unsigned char *p = buf;
  if (len == 0)
    return WD_ESUCCESS;
#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || defined(__NetBSD__)
  arc4random_buf(p, len); // the kernel's CSPRNG; cannot fail
  return WD_ESUCCESS;
#elif defined(__linux__)
  while (len > 0) {
    ssize_t r = getrandom(p, len, 0); // blocks only until the pool is first seeded
    if (r < 0) {
      if (errno == EINTR)
        continue;
      if (errno == ENOSYS) // kernel older than 3.17
        return urandom(p, len);
      return wd_os_errno(errno);
    }
    p += r;
    len -= (size_t)r;
  }
  return WD_ESUCCESS;
#else
  return urandom(p, len);
#endif
}

// ---- scheduling ------------------------------------------------------------------------

void wd_os_yield(void) { sched_yield(); }

void wd_os_sleep(uint64_t ns) {
  struct timespec req, rem;
  uint64_t sec = ns / 1000000000u;
  req.tv_sec = sec > (uint64_t)INT32_MAX ? (time_t)INT32_MAX : (time_t)sec; // ~68 years
  req.tv_nsec = (long)(ns % 1000000000u);
  while (nanosleep(&req, &rem) != 0 && errno == EINTR)
    req = rem; // an interrupted sleep continues for the time left
}
