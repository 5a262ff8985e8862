// SPDX-License-Identifier: Apache-2.0
// Socket calls on things that are not sockets: ENOTSOCK on a file, EBADF
// on a closed fd.
#include "wasi_check.h"

int main(void) {
  int32_t f = create_file(PRE, "notasock", 0);
  char b[8];
  __wasi_iovec_t iv = {(uint8_t *)b, sizeof b};
  __wasi_ciovec_t cv = {(const uint8_t *)b, 1};
  __wasi_size_t n;
  __wasi_roflags_t ro;
  __wasi_fd_t c;
  CHECK_ERRNO("sock_shutdown on a file", __wasi_sock_shutdown(f, __WASI_SDFLAGS_RD),
              __WASI_ERRNO_NOTSOCK);
  CHECK_ERRNO("sock_shutdown on a bad fd", __wasi_sock_shutdown(4321, __WASI_SDFLAGS_RD),
              __WASI_ERRNO_BADF);
  CHECK_ERRNO_IN("sock_recv on a file", __wasi_sock_recv(f, &iv, 1, 0, &n, &ro),
                 __WASI_ERRNO_NOTSOCK, __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO_IN("sock_send on a file", __wasi_sock_send(f, &cv, 1, 0, &n), __WASI_ERRNO_NOTSOCK,
                 __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO_IN("sock_accept on a directory", __wasi_sock_accept(PRE, 0, &c), __WASI_ERRNO_NOTSOCK,
                 __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO("sock_accept on a bad fd", __wasi_sock_accept(4321, 0, &c), __WASI_ERRNO_BADF);
  done();
}
