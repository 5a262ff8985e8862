// SPDX-License-Identifier: Apache-2.0
// A preopen can be closed; afterwards every use of its fd is EBADF, and the
// other preopen (fd 4) is unaffected.
#include "wasi_check.h"

int main(void) {
  CHECK_OK("fd_close(3)", __wasi_fd_close(3));
  __wasi_fdstat_t st;
  __wasi_prestat_t ps;
  int32_t fd = -1;
  CHECK_ERRNO("fd_fdstat_get(3) after close", __wasi_fd_fdstat_get(3, &st), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_prestat_get(3) after close", __wasi_fd_prestat_get(3, &ps), __WASI_ERRNO_BADF);
  CHECK_ERRNO("path_open via 3 after close",
              p_open(3, 0, "x", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO("path_create_directory via 3 after close", p_mkdir(3, "d"), __WASI_ERRNO_BADF);
  CHECK_ERRNO("fd_close(3) again", __wasi_fd_close(3), __WASI_ERRNO_BADF);
  CHECK_OK("fd_prestat_get(4) still works", __wasi_fd_prestat_get(4, &ps));
  CHECK_OK("path_open via 4 still works", p_open(4, 0, "y", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd));
  done();
}
