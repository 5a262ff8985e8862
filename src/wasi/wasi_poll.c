// SPDX-License-Identifier: Apache-2.0
// WASI poll_oneoff (clock and fd readiness, blocking in the host's poll,
// never spinning) and the socket functions on preopened listeners.
#include "util/alloc.h"
#include "wasi/wasi_abi.h"

typedef struct sub {
  uint64_t userdata;
  uint8_t tag;       // WD_EVENTTYPE_*
  uint64_t deadline; // clock: monotonic nanoseconds
  uint32_t fd;       // fd_read / fd_write
  int pollidx;       // index in the host poll array, or -1
  wd_errno_t error;  // an error to report for this subscription
  uint64_t nbytes;   // ready at once (regular files)
  bool ready;
} sub_t;

static void put_event(wasi_call_t *c, uint32_t out, uint32_t k, const sub_t *s, bool hangup) {
  uint8_t b[32] = {0};
  put_u64(b, s->userdata);
  put_u16(b + 8, s->error);
  b[10] = s->tag;
  if (s->tag != WD_EVENTTYPE_CLOCK) {
    put_u64(b + 16, s->nbytes);
    put_u16(b + 24, hangup ? WD_EVENT_FD_READWRITE_HANGUP : 0);
  }
  memcpy(gm(c, out + 32 * k), b, 32);
}

// Reads one subscription (48 bytes; 56 in wasi_unstable, whose clock
// carries an extra identifier first).
static void read_sub(wasi_call_t *c, const uint8_t *p, uint64_t now_mono, sub_t *s) {
  memset(s, 0, sizeof *s);
  s->pollidx = -1;
  s->userdata = get_u64(p);
  s->tag = p[8];
  const uint8_t *u = p + 16;
  if (s->tag == WD_EVENTTYPE_CLOCK) {
    if (c->unstable)
      u += 8;
    uint32_t id = get_u32(u);
    uint64_t timeout = get_u64(u + 8);
    uint16_t flags = get_u16(u + 24);
    s->deadline = now_mono;
    if (id != WD_CLOCK_REALTIME && id != WD_CLOCK_MONOTONIC) {
      s->error = WD_EINVAL;
      return;
    }
    if (flags & WD_SUBCLOCK_ABSTIME) {
      uint64_t now = now_mono;
      if (id == WD_CLOCK_REALTIME && wd_os_clock_time(WD_CLOCK_REALTIME, &now))
        now = 0;
      uint64_t left = timeout > now ? timeout - now : 0;
      s->deadline = now_mono + left < now_mono ? UINT64_MAX : now_mono + left;
    } else {
      s->deadline = now_mono + timeout < now_mono ? UINT64_MAX : now_mono + timeout;
    }
  } else if (s->tag == WD_EVENTTYPE_FD_READ || s->tag == WD_EVENTTYPE_FD_WRITE) {
    s->fd = get_u32(u);
  } else {
    s->error = WD_EINVAL;
  }
}

wd_errno_t wd_wasi_poll_oneoff(wasi_call_t *c, const ward_val_t *a) {
  uint32_t in = arg32(a, 0), out = arg32(a, 1), n = arg32(a, 2), outn = arg32(a, 3);
  uint32_t size = c->unstable ? 56 : 48;
  if (n == 0)
    return WD_EINVAL;
  if (!gm_ok(c, in, (uint64_t)n * size) || !gm_ok(c, out, (uint64_t)n * 32) || !gm_ok(c, outn, 4))
    return WD_EFAULT;
  sub_t *subs = wd_calloc(n, sizeof *subs);
  wd_os_pollfd_t *pfds = wd_calloc(n, sizeof *pfds);
  if (!subs || !pfds) {
    wd_free(subs);
    wd_free(pfds);
    return WD_ENOMEM;
  }
  uint64_t now;
  wd_os_clock_time(WD_CLOCK_MONOTONIC, &now);
  size_t npoll = 0;
  bool immediate = false;
  uint64_t first_deadline = UINT64_MAX;
  for (uint32_t i = 0; i < n; i++) {
    sub_t *s = &subs[i];
    read_sub(c, gm(c, in + i * size), now, s);
    if (s->error) {
      immediate = true;
      continue;
    }
    if (s->tag == WD_EVENTTYPE_CLOCK) {
      if (s->deadline < first_deadline)
        first_deadline = s->deadline;
      continue;
    }
    bool rd = s->tag == WD_EVENTTYPE_FD_READ;
    wd_wasi_fd_t *f;
    s->error = wd_wasi_fd_get(c->w, s->fd, 0, &f);
    // Reading needs fd_read, or sock_accept on a listener (readable when a
    // connection waits); writing needs fd_write.
    if (!s->error && !(f->base & (rd ? WD_R_FD_READ | WD_R_SOCK_ACCEPT : WD_R_FD_WRITE)))
      s->error = WD_ENOTCAPABLE;
    if (s->error) {
      immediate = true;
      continue;
    }
    if (f->type == WD_FILETYPE_REGULAR_FILE || f->type == WD_FILETYPE_DIRECTORY) {
      // Files are always ready; reads report what is left to read.
      if (rd) {
        wd_os_stat_t st;
        uint64_t pos = 0;
        if (wd_os_fstat(f->os, &st) == 0 && wd_os_seek(f->os, 0, WD_WHENCE_CUR, &pos) == 0)
          s->nbytes = st.size > pos ? st.size - pos : 0;
      }
      s->ready = immediate = true;
      continue;
    }
    s->pollidx = (int)npoll;
    pfds[npoll].fd = f->os;
    pfds[npoll].events = rd ? WD_OS_POLL_READ : WD_OS_POLL_WRITE;
    npoll++;
  }
  uint32_t nev = 0;
  wd_errno_t e = WD_ESUCCESS;
  for (;;) {
    int64_t timeout = -1;
    if (immediate) {
      timeout = 0;
    } else if (first_deadline != UINT64_MAX) {
      wd_os_clock_time(WD_CLOCK_MONOTONIC, &now);
      timeout = first_deadline > now ? (int64_t)(first_deadline - now) : 0;
    }
    size_t nready = 0;
    if (npoll || timeout != 0) {
      if (npoll == 0 && timeout < 0) { // nothing could ever happen
        e = WD_EINVAL;
        break;
      }
      if ((e = wd_os_poll(pfds, npoll, timeout, &nready)) != 0)
        break;
    }
    wd_os_clock_time(WD_CLOCK_MONOTONIC, &now);
    for (uint32_t i = 0; i < n; i++) {
      sub_t *s = &subs[i];
      bool hangup = false;
      if (s->error) {
        s->ready = true;
      } else if (s->tag == WD_EVENTTYPE_CLOCK) {
        s->ready = s->deadline <= now;
      } else if (s->pollidx >= 0) {
        const wd_os_pollfd_t *pf = &pfds[s->pollidx];
        hangup = pf->hangup;
        if (pf->revents || pf->hangup || pf->error) {
          s->ready = true;
          if (s->tag == WD_EVENTTYPE_FD_READ)
            s->nbytes = wd_os_readable_bytes(pf->fd);
          if (pf->error && !pf->revents && !pf->hangup)
            s->error = WD_EIO;
        }
      }
      if (s->ready)
        put_event(c, out, nev++, s, hangup);
    }
    if (nev)
      break;
  }
  wd_free(subs);
  wd_free(pfds);
  if (e)
    return e;
  put_u32(gm(c, outn), nev);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_sock_accept(wasi_call_t *c, const ward_val_t *a) {
  uint32_t flags = arg32(a, 1), outp = arg32(a, 2);
  if (flags & ~(uint32_t)WD_FDFLAG_NONBLOCK)
    return WD_EINVAL;
  wd_wasi_fd_t *f;
  wd_errno_t e = wd_wasi_fd_get(c->w, arg32(a, 0), 0, &f);
  if (e)
    return e;
  if (f->type != WD_FILETYPE_SOCKET_STREAM)
    return WD_ENOTSOCK;
  if (!(f->base & WD_R_SOCK_ACCEPT))
    return WD_ENOTCAPABLE;
  if (!gm_ok(c, outp, 4))
    return WD_EFAULT;
  wd_os_fd_t conn;
  if ((e = wd_os_accept(f->os, flags & WD_FDFLAG_NONBLOCK, &conn)) != 0)
    return e;
  uint32_t fd;
  if ((e = wd_wasi_fd_add(c->w, conn, WD_FILETYPE_SOCKET_STREAM, WD_SOCK_RIGHTS, 0, &fd)) != 0)
    return e;
  put_u32(gm(c, outp), fd);
  return WD_ESUCCESS;
}

static wd_errno_t get_sock(wasi_call_t *c, uint32_t fd, uint64_t rights, wd_wasi_fd_t **out) {
  wd_errno_t e = wd_wasi_fd_get(c->w, fd, 0, out);
  if (e)
    return e;
  if ((*out)->type != WD_FILETYPE_SOCKET_STREAM && (*out)->type != WD_FILETYPE_SOCKET_DGRAM)
    return WD_ENOTSOCK;
  return ((*out)->base & rights) == rights ? WD_ESUCCESS : WD_ENOTCAPABLE;
}

// sock_recv and sock_send: guest memory first (the iovecs and n_out
// out-pointer bytes at `outp`), then the socket and its right.
static wd_errno_t sock_io(wasi_call_t *c, const ward_val_t *a, uint64_t right, uint32_t outp,
                          uint32_t nout, wd_os_iovec_t *iov, wd_wasi_fd_t **f) {
  wd_errno_t e = wd_wasi_iovs(c, arg32(a, 1), arg32(a, 2), iov);
  if (e)
    return e;
  if (!gm_ok(c, outp, nout))
    return WD_EFAULT;
  return get_sock(c, arg32(a, 0), right, f);
}

wd_errno_t wd_wasi_sock_recv(wasi_call_t *c, const ward_val_t *a) {
  uint32_t riflags = arg32(a, 3), pn = arg32(a, 4), pflags = arg32(a, 5);
  if (riflags & ~(uint32_t)(WD_RIFLAG_RECV_PEEK | WD_RIFLAG_RECV_WAITALL))
    return WD_EINVAL;
  if (!gm_ok(c, pflags, 2))
    return WD_EFAULT;
  wd_os_iovec_t iov[WD_IOV_MAX];
  wd_wasi_fd_t *f;
  wd_errno_t e = sock_io(c, a, WD_R_FD_READ, pn, 4, iov, &f);
  size_t got = 0;
  uint16_t ro = 0;
  if (e || (e = wd_os_recv(f->os, iov, arg32(a, 2), (uint16_t)riflags, &got, &ro)) != 0)
    return e;
  put_u32(gm(c, pn), (uint32_t)got);
  put_u16(gm(c, pflags), ro);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_sock_send(wasi_call_t *c, const ward_val_t *a) {
  uint32_t outp = arg32(a, 4);
  if (arg32(a, 3) != 0) // siflags: none are defined
    return WD_EINVAL;
  wd_os_iovec_t iov[WD_IOV_MAX];
  wd_wasi_fd_t *f;
  wd_errno_t e = sock_io(c, a, WD_R_FD_WRITE, outp, 4, iov, &f);
  size_t sent = 0;
  if (e || (e = wd_os_send(f->os, iov, arg32(a, 2), &sent)) != 0)
    return e;
  put_u32(gm(c, outp), (uint32_t)sent);
  return WD_ESUCCESS;
}

wd_errno_t wd_wasi_sock_shutdown(wasi_call_t *c, const ward_val_t *a) {
  uint32_t how = arg32(a, 1);
  wd_wasi_fd_t *f;
  wd_errno_t e = get_sock(c, arg32(a, 0), WD_R_SOCK_SHUTDOWN, &f);
  if (e)
    return e;
  if (how == 0 || (how & ~(uint32_t)(WD_SDFLAG_RD | WD_SDFLAG_WR)))
    return WD_EINVAL;
  return wd_os_shutdown(f->os, (uint8_t)how);
}
