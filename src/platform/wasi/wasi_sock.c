// SPDX-License-Identifier: Apache-2.0
// Sockets on WASI preview1 (platform_fs.h): a program can use the sockets
// its host preopened (accept, recv, send, shutdown: the sock_* calls, which
// take WASI's own flags and errno values, so nothing is translated) but
// cannot create one: no socket, bind or listen.
#define _DEFAULT_SOURCE 1 // SSIZE_MAX (posix_iov.h)
#include <stddef.h>
#include <wasi/api.h>

#include "platform/platform_fs.h"
#include "platform/posix/posix_fd.h"
#include "platform/posix/posix_iov.h"

// wasi-libc's struct iovec is WASI's iovec, as its own readv relies on.
_Static_assert(sizeof(struct iovec) == sizeof(__wasi_iovec_t), "iovec layout");
_Static_assert(offsetof(struct iovec, iov_len) == offsetof(__wasi_iovec_t, buf_len),
               "iovec layout");

wd_errno_t wd_os_tcp_listen(const char *addr, wd_os_fd_t *out) {
  (void)addr;
  *out = WD_OS_NO_FD;
  return WD_ENOTSUP;
}

wd_errno_t wd_os_accept(wd_os_fd_t fd, bool nonblock, wd_os_fd_t *out) {
  *out = WD_OS_NO_FD;
  __wasi_fd_t s;
  __wasi_errno_t e =
      __wasi_sock_accept((__wasi_fd_t)wd_posix_hfd(fd), nonblock ? __WASI_FDFLAGS_NONBLOCK : 0, &s);
  if (e)
    return (wd_errno_t)e;
  *out = (wd_os_fd_t)s;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_recv(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, uint16_t riflags,
                      size_t *nread, uint16_t *roflags) {
  *nread = 0;
  *roflags = 0;
  if (riflags & ~(WD_RIFLAG_RECV_PEEK | WD_RIFLAG_RECV_WAITALL))
    return WD_EINVAL;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  __wasi_size_t got = 0;
  __wasi_roflags_t ro = 0;
  __wasi_errno_t e = __wasi_sock_recv((__wasi_fd_t)wd_posix_hfd(fd), (const __wasi_iovec_t *)t.v,
                                      (size_t)t.n, riflags, &got, &ro);
  wd_iov_free(&t);
  if (e)
    return (wd_errno_t)e;
  *nread = got;
  *roflags = ro;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_send(wd_os_fd_t fd, const wd_os_iovec_t *iov, size_t n, size_t *nwritten) {
  *nwritten = 0;
  wd_iov_t t;
  wd_iov_init(&t, iov, n);
  __wasi_size_t put = 0;
  __wasi_errno_t e = __wasi_sock_send((__wasi_fd_t)wd_posix_hfd(fd), (const __wasi_ciovec_t *)t.v,
                                      (size_t)t.n, 0, &put);
  wd_iov_free(&t);
  if (e)
    return (wd_errno_t)e;
  *nwritten = put;
  return WD_ESUCCESS;
}

wd_errno_t wd_os_shutdown(wd_os_fd_t fd, uint8_t how) {
  if (!how || (how & ~(WD_SDFLAG_RD | WD_SDFLAG_WR)))
    return WD_EINVAL;
  return (wd_errno_t)__wasi_sock_shutdown((__wasi_fd_t)wd_posix_hfd(fd), how);
}
