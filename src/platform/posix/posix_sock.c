// SPDX-License-Identifier: Apache-2.0
// POSIX sockets for WASI (platform_fs.h): a TCP listener for --listen style
// preopens, accept, recv/send with WASI's flags, and shutdown.
#define _GNU_SOURCE 1
#define _DEFAULT_SOURCE 1
#define _DARWIN_C_SOURCE 1
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include "platform/net_addr.h"
#include "platform/platform_fs.h"
#include "platform/posix/posix_errno.h"
#include "platform/posix/posix_fd.h"
#include "platform/posix/posix_iov.h"

static wd_errno_t last_error(void) { return wd_os_errno(errno); }

// Marks a new socket close-on-exec where SOCK_CLOEXEC could not, and (on
// systems without MSG_NOSIGNAL) asks that a write to a closed peer give
// EPIPE rather than SIGPIPE.
static int prepare_socket(int s) {
#ifndef SOCK_CLOEXEC
  if (fcntl(s, F_SETFD, FD_CLOEXEC) != 0)
    return -1;
#endif
#ifdef SO_NOSIGPIPE
  int one = 1;
  if (setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one) != 0)
    return -1;
#endif
  (void)s;
  return 0;
}

wd_errno_t wd_os_tcp_listen(const char *addr, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  struct sockaddr_storage ss;
  socklen_t len;
  if (!addr || !wd_net_parse_addr(addr, &ss, &len))
    return WD_EINVAL;
  int type = SOCK_STREAM;
#ifdef SOCK_CLOEXEC
  type |= SOCK_CLOEXEC;
#endif
  int s = socket(ss.ss_family, type, 0);
  if (s < 0)
    return last_error();
  int one = 1;
  if (prepare_socket(s) != 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(s, (const struct sockaddr *)&ss, len) != 0 || listen(s, 128) != 0) {
    wd_errno_t e = last_error();
    close(s);
    return e;
  }
  *out = s;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_accept(wd_os_fd_t fd, bool nonblock, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  int s;
#if defined(__linux__)
  do
    s = accept4(wd_posix_hfd(fd), NULL, NULL, SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0));
  while (s < 0 && errno == EINTR);
  if (s < 0)
    return last_error();
#else
  do
    s = accept(wd_posix_hfd(fd), NULL, NULL);
  while (s < 0 && errno == EINTR);
  if (s < 0)
    return last_error();
  // BSD sockets inherit O_NONBLOCK from the listener: set it as asked.
  int fl = fcntl(s, F_GETFL);
  if (fcntl(s, F_SETFD, FD_CLOEXEC) != 0 || fl < 0 ||
      fcntl(s, F_SETFL, nonblock ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK)) != 0 ||
      prepare_socket(s) != 0) {
    wd_errno_t e = last_error();
    close(s);
    return e;
  }
#endif
  *out = s;
  return WD_ESUCCESS;
}

// One sendmsg or recvmsg over iov, retried on EINTR: the byte count to
// *done and, for a receive, the message flags to *msg_flags.
static wd_errno_t msg_io(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, int flags, bool send,
                         size_t *done, int *msg_flags) {
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  struct msghdr m;
  memset(&m, 0, sizeof m);
  m.msg_iov = t.v;
  m.msg_iovlen = t.n;
  ssize_t r;
  do
    r = send ? sendmsg(wd_posix_hfd(fd), &m, flags) : recvmsg(wd_posix_hfd(fd), &m, flags);
  while (r < 0 && errno == EINTR);
  wd_errno_t e = r < 0 ? last_error() : WD_ESUCCESS;
  wd_iov_free(&t);
  if (e)
    return e;
  *done = (size_t)r;
  if (msg_flags)
    *msg_flags = m.msg_flags;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_recv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint16_t riflags,
                      size_t *nread, uint16_t *roflags) {
  *nread = 0;
  *roflags = 0;
  if (riflags & ~(WD_RIFLAG_RECV_PEEK | WD_RIFLAG_RECV_WAITALL))
    return WD_EINVAL;
  int flags = 0;
  if (riflags & WD_RIFLAG_RECV_PEEK)
    flags |= MSG_PEEK;
  if (riflags & WD_RIFLAG_RECV_WAITALL)
    flags |= MSG_WAITALL;
  int msg_flags = 0;
  wd_errno_t e = msg_io(fd, iov, n, flags, false, nread, &msg_flags);
  if (!e && (msg_flags & MSG_TRUNC)) // a datagram longer than the buffers
    *roflags = WD_ROFLAG_RECV_DATA_TRUNCATED;
  return e;
}

wd_errno_t wd_os_send(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten) {
  *nwritten = 0;
  int flags = 0;
#ifdef MSG_NOSIGNAL
  flags |= MSG_NOSIGNAL; // a closed peer gives EPIPE, not SIGPIPE
#elif defined(SO_NOSIGPIPE)
  // The socket may not be one we made (a socket inherited as stdio).
  int one = 1;
  (void)setsockopt(wd_posix_hfd(fd), SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
  return msg_io(fd, iov, n, flags, true, nwritten, NULL);
}

wd_errno_t wd_os_shutdown(wd_os_fd_t fd, uint8_t how) {
  int h;
  switch (how) {
  case WD_SDFLAG_RD: h = SHUT_RD; break;
  case WD_SDFLAG_WR: h = SHUT_WR; break;
  case WD_SDFLAG_RD | WD_SDFLAG_WR: h = SHUT_RDWR; break;
  default: return WD_EINVAL;
  }
  if (shutdown(wd_posix_hfd(fd), h) != 0)
    return last_error();
  return WD_ESUCCESS;
}
