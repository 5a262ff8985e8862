// SPDX-License-Identifier: Apache-2.0
// Winsock sockets for WASI (platform_fs.h): a TCP listener for --listen
// style preopens, accept, recv/send with WASI's flags, and shutdown.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <string.h>

#include "platform/net_addr.h"
#include "platform/windows/win_errno.h"
#include "platform/windows/win_fd.h"

static wd_errno_t wsa_error(void) { return wd_win_error((uint32_t)WSAGetLastError()); }

static INIT_ONCE g_wsa_once = INIT_ONCE_STATIC_INIT;

static BOOL CALLBACK wsa_init(PINIT_ONCE once, PVOID param, PVOID *ctx) {
  (void)once, (void)param, (void)ctx;
  WSADATA wd;
  return WSAStartup(MAKEWORD(2, 2), &wd) == 0;
}

// Winsock, started once per process (never cleaned up: sockets may live
// until the process ends).
static bool wsa_ready(void) { return InitOnceExecuteOnce(&g_wsa_once, wsa_init, NULL, NULL) != 0; }

// The socket behind fd: WD_EBADF if none, WD_ENOTSOCK if not a socket.
static wd_errno_t socket_of(wd_os_fd_t fd, SOCKET *s) {
  wd_win_fd_t ent;
  wd_errno_t e = wd_win_fd_get(fd, &ent);
  if (e)
    return e;
  if (ent.kind != WD_WK_SOCKET)
    return WD_ENOTSOCK;
  *s = (SOCKET)ent.h;
  return WD_ESUCCESS;
}

static wd_errno_t add_socket(SOCKET s, wd_os_fd_t *out, uint16_t fdflags) {
  wd_win_fd_t ent = {
      .h = (HANDLE)s, .kind = WD_WK_SOCKET, .flags = WD_WF_READ | WD_WF_WRITE, .fdflags = fdflags};
  wd_errno_t e = wd_win_fd_add(&ent, out);
  if (e)
    closesocket(s);
  return e;
}

wd_errno_t wd_os_tcp_listen(const char *addr, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  struct sockaddr_storage ss;
  socklen_t len;
  if (!addr || !wd_net_parse_addr(addr, &ss, &len))
    return WD_EINVAL;
  if (!wsa_ready())
    return WD_ENOSYS;
  // Not inherited by child processes (close-on-exec).
  SOCKET s =
      WSASocketW(ss.ss_family, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET)
    return wsa_error();
  // SO_EXCLUSIVEADDRUSE, not SO_REUSEADDR: on Windows the latter lets
  // another process bind the same port and steal connections.
  BOOL one = TRUE;
  if (setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&one, sizeof one) != 0 ||
      bind(s, (const struct sockaddr *)&ss, len) != 0 || listen(s, 128) != 0) {
    wd_errno_t e = wsa_error();
    closesocket(s);
    return e;
  }
  return add_socket(s, out, 0);
}

wd_errno_t wd_os_accept(wd_os_fd_t fd, bool nonblock, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  SOCKET ls;
  wd_errno_t e = socket_of(fd, &ls);
  if (e)
    return e;
  SOCKET s = accept(ls, NULL, NULL);
  if (s == INVALID_SOCKET)
    return wsa_error();
  // An accepted socket inherits the listener's mode: set it as asked; and
  // never let it be inherited by a child.
  u_long nb = nonblock;
  SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
  if (ioctlsocket(s, FIONBIO, &nb) != 0) {
    e = wsa_error();
    closesocket(s);
    return e;
  }
  return add_socket(s, out, nonblock ? WD_FDFLAG_NONBLOCK : 0);
}

enum { WSABUF_MAX = 64 };

// iov -> WSABUFs (at most WSABUF_MAX, each under 4 GiB: a short transfer).
static DWORD to_wsabuf(const wd_os_iovec_t *iov, size_t n, WSABUF *b, size_t *total) {
  DWORD k = 0;
  *total = 0;
  for (size_t i = 0; i < n && k < WSABUF_MAX; i++) {
    size_t len = iov[i].len > (1u << 30) ? (1u << 30) : iov[i].len;
    b[k].buf = iov[i].buf;
    b[k].len = (ULONG)len;
    *total += len;
    k++;
    if (len < iov[i].len)
      break;
  }
  return k;
}

wd_errno_t wd_os_recv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint16_t riflags,
                      size_t *nread, uint16_t *roflags) {
  *nread = 0;
  *roflags = 0;
  if (riflags & ~(WD_RIFLAG_RECV_PEEK | WD_RIFLAG_RECV_WAITALL))
    return WD_EINVAL;
  SOCKET s;
  wd_errno_t e = socket_of(fd, &s);
  if (e)
    return e;
  WSABUF b[WSABUF_MAX];
  size_t total;
  DWORD nb = to_wsabuf(iov, n, b, &total);
  DWORD flags = 0;
  if (riflags & WD_RIFLAG_RECV_PEEK)
    flags |= MSG_PEEK;
  if (riflags & WD_RIFLAG_RECV_WAITALL)
    flags |= MSG_WAITALL;
  DWORD got = 0;
  for (;;) {
    DWORD fl = flags;
    if (WSARecv(s, b, nb, &got, &fl, NULL, NULL) == 0)
      break;
    int err = WSAGetLastError();
    if (err == WSAEMSGSIZE) { // a datagram longer than the buffers
      *roflags = WD_ROFLAG_RECV_DATA_TRUNCATED;
      got = (DWORD)total;
      break;
    }
    if (err == WSAEOPNOTSUPP && (flags & MSG_WAITALL) && (flags & MSG_PEEK)) {
      // Winsock refuses to peek and wait for all together: wait until the
      // bytes are there (or the peer is done), then peek.
      u_long avail = 0;
      if (ioctlsocket(s, FIONREAD, &avail) != 0)
        return wsa_error();
      if (avail >= total) {
        flags &= ~(DWORD)MSG_WAITALL;
        continue;
      }
      fd_set rs;
      FD_ZERO(&rs);
      FD_SET(s, &rs);
      struct timeval tv = {0, 10000};
      if (select(0, &rs, NULL, NULL, &tv) == SOCKET_ERROR)
        return wsa_error();
      char probe;
      WSABUF pb = {1, &probe};
      DWORD pg = 0, pf = MSG_PEEK;
      if (avail == 0 && WSARecv(s, &pb, 1, &pg, &pf, NULL, NULL) == 0 && pg == 0)
        break; // end of stream
      continue;
    }
    return wd_win_error((uint32_t)err);
  }
  *nread = got;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_send(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten) {
  *nwritten = 0;
  SOCKET s;
  wd_errno_t e = socket_of(fd, &s);
  if (e)
    return e;
  WSABUF b[WSABUF_MAX];
  size_t total;
  DWORD nb = to_wsabuf(iov, n, b, &total);
  DWORD sent = 0;
  // Windows has no SIGPIPE: a closed peer is an error code.
  if (WSASend(s, b, nb, &sent, 0, NULL, NULL) != 0)
    return wsa_error();
  *nwritten = sent;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_shutdown(wd_os_fd_t fd, uint8_t how) {
  int h;
  switch (how) {
  case WD_SDFLAG_RD: h = SD_RECEIVE; break;
  case WD_SDFLAG_WR: h = SD_SEND; break;
  case WD_SDFLAG_RD | WD_SDFLAG_WR: h = SD_BOTH; break;
  default: return WD_EINVAL;
  }
  SOCKET s;
  wd_errno_t e = socket_of(fd, &s);
  if (e)
    return e;
  return shutdown(s, h) == 0 ? WD_ESUCCESS : wsa_error();
}
