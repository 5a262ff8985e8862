// SPDX-License-Identifier: Apache-2.0
// path_open oflags: creat makes a new file and keeps an existing one's
// content; creat|excl on an existing file is EEXIST; trunc empties; unknown
// oflags bits are EINVAL.
#include "wasi_check.h"

int main(void) {
  int32_t fd = -1;
  CHECK_OK("creat new", p_open(PRE, 0, "n.txt", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd));
  write_all(fd, "keep", 4);
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  CHECK_OK("creat existing", p_open(PRE, 0, "n.txt", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd));
  __wasi_filestat_t st;
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("creat keeps content", st.size, 4);
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  fd = -7;
  CHECK_ERRNO("creat|excl existing",
              p_open(PRE, 0, "n.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_RW, 0, 0, &fd),
              __WASI_ERRNO_EXIST);
  CHECK_EQ("fd out untouched on error", fd, -7);
  CHECK_OK("creat|excl new",
           p_open(PRE, 0, "x.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_RW, 0, 0, &fd));
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  CHECK_OK("trunc", p_open(PRE, 0, "n.txt", __WASI_OFLAGS_TRUNC, R_RW, 0, 0, &fd));
  CHECK_OK("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
  CHECK_EQ("trunc empties the file", st.size, 0);
  CHECK_OK("fd_close", __wasi_fd_close(fd));
  CHECK_ERRNO("creat|excl on a directory name",
              p_open(PRE, 0, ".", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_RW, 0, 0, &fd),
              __WASI_ERRNO_EXIST);
  CHECK_ERRNO("unknown oflags bit 0x10", p_open(PRE, 0, "n.txt", 0x10, R_RW, 0, 0, &fd),
              __WASI_ERRNO_INVAL);
  CHECK_ERRNO("trunc without creat on a missing file",
              p_open(PRE, 0, "missing.txt", __WASI_OFLAGS_TRUNC, R_RW, 0, 0, &fd),
              __WASI_ERRNO_NOENT);
  // Opened fds get numbers above the stdio and preopens, distinct from each other.
  int32_t f1 = -1, f2 = -1;
  CHECK_OK("open 1", p_open(PRE, 0, "n.txt", 0, R_RO, 0, 0, &f1));
  CHECK_OK("open 2", p_open(PRE, 0, "n.txt", 0, R_RO, 0, 0, &f2));
  CHECK_TRUE("new fds are > 3, < 2^31 and distinct", f1 > 3 && f2 > 3 && f1 != f2);
  done();
}
