// SPDX-License-Identifier: Apache-2.0
// Windows readiness, time and randomness for WASI (platform_fs.h): poll
// over sockets (WSAPoll) and other handles, readable byte counts, clocks
// (QueryPerformanceCounter, GetSystemTimePreciseAsFileTime, process and
// thread times), BCryptGenRandom, sleep and yield.
#include <winsock2.h>
#include <windows.h>
#include <bcrypt.h>

#include <string.h>

#include "platform/windows/win_errno.h"
#include "platform/windows/win_fd.h"
#include "util/alloc.h"

// ---- clocks ---------------------------------------------------------------------------

static uint64_t qpc_freq(void) {
  static LONG64 freq; // a constant of the system, read once
  LONG64 f = InterlockedCompareExchange64(&freq, 0, 0);
  if (!f) {
    LARGE_INTEGER li;
    QueryPerformanceFrequency(&li);
    f = li.QuadPart > 0 ? li.QuadPart : 1;
    InterlockedExchange64(&freq, f);
  }
  return (uint64_t)f;
}

static uint64_t mono_ns(void) {
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  uint64_t f = qpc_freq(), t = (uint64_t)c.QuadPart;
  return t / f * 1000000000u + t % f * 1000000000u / f; // no overflow for centuries
}

static uint64_t ft_u64(FILETIME ft) {
  return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

wd_errno_t wd_os_clock_time(uint32_t clock_id, uint64_t *ns) {
  FILETIME c, x, k, u;
  switch (clock_id) {
  case WD_CLOCK_REALTIME: {
    GetSystemTimePreciseAsFileTime(&c);
    uint64_t t = ft_u64(c);
    const uint64_t epoch = 116444736000000000ull; // 1601 -> 1970 in 100 ns
    *ns = t < epoch ? 0 : (t - epoch) * 100;
    return WD_ESUCCESS;
  }
  case WD_CLOCK_MONOTONIC: *ns = mono_ns(); return WD_ESUCCESS;
  case WD_CLOCK_PROCESS_CPUTIME:
    if (!GetProcessTimes(GetCurrentProcess(), &c, &x, &k, &u))
      return wd_win_last_error();
    *ns = (ft_u64(k) + ft_u64(u)) * 100;
    return WD_ESUCCESS;
  case WD_CLOCK_THREAD_CPUTIME:
    if (!GetThreadTimes(GetCurrentThread(), &c, &x, &k, &u))
      return wd_win_last_error();
    *ns = (ft_u64(k) + ft_u64(u)) * 100;
    return WD_ESUCCESS;
  default: return WD_EINVAL;
  }
}

wd_errno_t wd_os_clock_res(uint32_t clock_id, uint64_t *ns) {
  switch (clock_id) {
  case WD_CLOCK_REALTIME: *ns = 100; return WD_ESUCCESS; // FILETIME units
  case WD_CLOCK_MONOTONIC: {
    uint64_t f = qpc_freq();
    *ns = f >= 1000000000u ? 1 : (1000000000u + f - 1) / f;
    return WD_ESUCCESS;
  }
  case WD_CLOCK_PROCESS_CPUTIME:
  case WD_CLOCK_THREAD_CPUTIME: {
    // CPU times are counted in 100 ns units but advance by the clock
    // interrupt period (15.625 ms by default): report what they show.
    DWORD adj, inc;
    BOOL off;
    if (!GetSystemTimeAdjustment(&adj, &inc, &off) || inc == 0)
      inc = 156250;
    *ns = (uint64_t)inc * 100;
    return WD_ESUCCESS;
  }
  default: return WD_EINVAL;
  }
}

// ---- randomness, scheduling ---------------------------------------------------------------

wd_errno_t wd_os_random(void *buf, size_t len) {
  unsigned char *p = buf;
  while (len > 0) {
    ULONG n = len > 0x40000000u ? 0x40000000u : (ULONG)len;
    if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, p, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
      return WD_EIO;
    p += n;
    len -= n;
  }
  return WD_ESUCCESS;
}

void wd_os_yield(void) { SwitchToThread(); }

// Waits ms milliseconds (INFINITE: forever).
static void wait_ms(DWORD ms) { Sleep(ms); }

// Milliseconds for ns nanoseconds, rounded up (so that a wait is never
// shorter than asked), capped below INFINITE.
static DWORD ns_to_ms(uint64_t ns) {
  uint64_t ms = ns / 1000000u + (ns % 1000000u != 0);
  return ms >= (uint64_t)INFINITE - 1 ? INFINITE - 1 : (DWORD)ms;
}

void wd_os_sleep(uint64_t ns) {
  uint64_t start = mono_ns();
  uint64_t deadline = start + ns < start ? UINT64_MAX : start + ns;
  // Sleep may wake a little early against the performance counter (its
  // ticks are the clock interrupt's): sleep again for what is left.
  for (uint64_t now = start; now < deadline; now = mono_ns())
    wait_ms(ns_to_ms(deadline - now));
}

// ---- poll ---------------------------------------------------------------------------------

// Readiness of a handle that is not a socket, right now.
static void handle_ready(const wd_win_fd_t *ent, wd_os_pollfd_t *f) {
  uint8_t want = f->events & (WD_OS_POLL_READ | WD_OS_POLL_WRITE);
  switch (ent->kind) {
  case WD_WK_PIPE:
    if (want & WD_OS_POLL_WRITE)
      f->revents |= WD_OS_POLL_WRITE; // a pipe's free space is not observable
    if (want & WD_OS_POLL_READ) {
      DWORD avail = 0;
      if (!PeekNamedPipe(ent->h, NULL, 0, NULL, &avail, NULL)) {
        // The writer is gone (or this is the write end): a read returns
        // at once, end-of-file or an error.
        f->hangup = GetLastError() == ERROR_BROKEN_PIPE;
        f->error = !f->hangup && !(ent->flags & WD_WF_WRITE);
        f->revents |= WD_OS_POLL_READ;
      } else if (avail > 0) {
        f->revents |= WD_OS_POLL_READ;
      }
    }
    return;
  case WD_WK_CONSOLE:
    if (want & WD_OS_POLL_WRITE)
      f->revents |= WD_OS_POLL_WRITE;
    if ((want & WD_OS_POLL_READ) && (ent->flags & WD_WF_READ)) {
      // Input events pending (key releases and mouse events count too:
      // a read may still wait for a whole line).
      DWORD nev = 0;
      if (GetNumberOfConsoleInputEvents(ent->h, &nev) && nev > 0)
        f->revents |= WD_OS_POLL_READ;
    }
    return;
  default:
    // Files, directories and other devices never block.
    f->revents |= want;
    return;
  }
}

enum { POLL_STACK = 16, POLL_SLICE_MS = 10 };

wd_errno_t wd_os_poll(wd_os_pollfd_t *fds, size_t n, int64_t timeout_ns, size_t *nready) {
  *nready = 0;
  if (n == 0) {
    if (timeout_ns < 0)
      for (;;)
        wait_ms(INFINITE);
    wd_os_sleep((uint64_t)timeout_ns);
    return WD_ESUCCESS;
  }
  if (n > (size_t)INT_MAX)
    return WD_EINVAL;
  WSAPOLLFD stack[POLL_STACK];
  WSAPOLLFD *p = stack;
  wd_win_fd_t ents_stack[POLL_STACK];
  wd_win_fd_t *ents = ents_stack;
  if (n > POLL_STACK) {
    p = wd_malloc(n * sizeof *p);
    ents = wd_malloc(n * sizeof *ents);
    if (!p || !ents) {
      wd_free(p == stack ? NULL : p);
      wd_free(ents == ents_stack ? NULL : ents);
      return WD_ENOMEM;
    }
  }
  size_t nsock = 0;
  bool invalid = false, waitable_other = false;
  for (size_t i = 0; i < n; i++) {
    fds[i].revents = 0;
    fds[i].hangup = false;
    fds[i].error = false;
    if (wd_win_fd_get(fds[i].fd, &ents[i]) != WD_ESUCCESS) {
      ents[i].h = NULL;
      invalid = true;
      continue;
    }
    if (ents[i].kind == WD_WK_SOCKET) {
      WSAPOLLFD *s = &p[nsock++];
      s->fd = (SOCKET)ents[i].h;
      s->events = 0;
      if (fds[i].events & WD_OS_POLL_READ)
        s->events |= POLLRDNORM;
      if (fds[i].events & WD_OS_POLL_WRITE)
        s->events |= POLLWRNORM;
      s->revents = 0;
    } else if (ents[i].kind == WD_WK_PIPE || ents[i].kind == WD_WK_CONSOLE) {
      waitable_other = true;
    }
  }
  bool forever = timeout_ns < 0;
  uint64_t start = mono_ns();
  uint64_t total = forever ? 0 : (uint64_t)timeout_ns;
  uint64_t deadline = start + total < start ? UINT64_MAX : start + total;
  size_t count = 0;
  wd_errno_t e = WD_ESUCCESS;
  for (;;) {
    count = 0;
    for (size_t i = 0; i < n; i++) {
      wd_os_pollfd_t *f = &fds[i];
      f->revents = 0;
      f->hangup = f->error = false;
      if (!ents[i].h)
        f->error = true;
      else if (ents[i].kind != WD_WK_SOCKET)
        handle_ready(&ents[i], f);
      if (f->revents || f->hangup || f->error)
        count++;
    }
    uint64_t now = mono_ns();
    bool expired = !forever && now >= deadline;
    // Pipes and consoles cannot be waited for together with sockets: look
    // at them again every POLL_SLICE_MS.
    DWORD ms;
    if (count > 0 || invalid || expired)
      ms = 0;
    else if (forever)
      ms = waitable_other ? POLL_SLICE_MS : INFINITE;
    else {
      ms = ns_to_ms(deadline - now);
      if (waitable_other && ms > POLL_SLICE_MS)
        ms = POLL_SLICE_MS;
    }
    int r = 0;
    if (nsock > 0) {
      for (size_t k = 0; k < nsock; k++)
        p[k].revents = 0;
      r = WSAPoll(p, (ULONG)nsock, ms == INFINITE ? -1 : (INT)ms);
      if (r == SOCKET_ERROR) {
        e = wd_win_error((uint32_t)WSAGetLastError());
        break;
      }
    } else if (ms > 0) {
      wait_ms(ms);
    }
    if (r > 0 || count > 0 || ms == 0)
      break;
    if (!forever && mono_ns() >= deadline)
      break;
  }
  if (!e) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      if (!ents[i].h || ents[i].kind != WD_WK_SOCKET)
        continue;
      wd_os_pollfd_t *f = &fds[i];
      SHORT re = p[k++].revents;
      if (re & POLLNVAL) {
        f->error = true;
      } else {
        if (re & (POLLRDNORM | POLLRDBAND))
          f->revents |= WD_OS_POLL_READ;
        if (re & POLLWRNORM)
          f->revents |= WD_OS_POLL_WRITE;
        if (re & POLLHUP) {
          f->hangup = true;
          f->revents |= f->events & WD_OS_POLL_READ;
        }
        if (re & POLLERR) {
          f->error = true;
          f->revents |= f->events & (WD_OS_POLL_READ | WD_OS_POLL_WRITE);
        }
      }
      if (f->revents || f->hangup || f->error)
        count++;
    }
  }
  if (p != stack)
    wd_free(p);
  if (ents != ents_stack)
    wd_free(ents);
  if (e)
    return e;
  *nready = count;
  return WD_ESUCCESS;
}

uint64_t wd_os_readable_bytes(wd_os_fd_t fd) {
  wd_win_fd_t ent;
  if (wd_win_fd_get(fd, &ent) != WD_ESUCCESS)
    return 0;
  switch (ent.kind) {
  case WD_WK_SOCKET: {
    u_long avail = 0;
    return ioctlsocket((SOCKET)ent.h, FIONREAD, &avail) == 0 ? avail : 0;
  }
  case WD_WK_PIPE: {
    DWORD avail = 0;
    return PeekNamedPipe(ent.h, NULL, 0, NULL, &avail, NULL) ? avail : 0;
  }
  case WD_WK_FILE: {
    LARGE_INTEGER size, zero = {0}, pos;
    if (GetFileSizeEx(ent.h, &size) && SetFilePointerEx(ent.h, zero, &pos, FILE_CURRENT) &&
        size.QuadPart > pos.QuadPart)
      return (uint64_t)(size.QuadPart - pos.QuadPart);
    return 0;
  }
  default: return 0;
  }
}
