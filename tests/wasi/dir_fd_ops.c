// SPDX-License-Identifier: Apache-2.0
// Byte-stream operations on a directory fd fail (EBADF/EISDIR/ENOTCAPABLE)
// instead of reaching the host directory.
#include "wasi_check.h"

#define DIRERR __WASI_ERRNO_BADF, __WASI_ERRNO_ISDIR, __WASI_ERRNO_NOTCAPABLE

int main(void) {
  CHECK_OK("mkdir sub", p_mkdir(PRE, "sub"));
  int32_t d = -1;
  REQUIRE_OK("open sub",
             p_open(PRE, 0, "sub", __WASI_OFLAGS_DIRECTORY, dir_rights(PRE), dir_inh(PRE), 0, &d));
  char buf[16];
  __wasi_iovec_t iv = {(uint8_t *)buf, sizeof buf};
  __wasi_ciovec_t cv = {(const uint8_t *)"x", 1};
  __wasi_size_t n;
  __wasi_filesize_t p;
  int32_t fds[2] = {PRE, d};
  for (int i = 0; i < 2; i++) {
    int32_t f = fds[i];
    CHECK_ERRNO_IN("fd_read on a directory", __wasi_fd_read(f, &iv, 1, &n), DIRERR);
    CHECK_ERRNO_IN("fd_pread on a directory", __wasi_fd_pread(f, &iv, 1, 0, &n), DIRERR);
    CHECK_ERRNO_IN("fd_write on a directory", __wasi_fd_write(f, &cv, 1, &n), DIRERR);
    CHECK_ERRNO_IN("fd_pwrite on a directory", __wasi_fd_pwrite(f, &cv, 1, 0, &n), DIRERR);
    CHECK_ERRNO_IN("fd_seek on a directory", __wasi_fd_seek(f, 0, __WASI_WHENCE_SET, &p), DIRERR,
                   __WASI_ERRNO_SPIPE);
    CHECK_ERRNO_IN("fd_allocate on a directory", __wasi_fd_allocate(f, 0, 1), DIRERR,
                   __WASI_ERRNO_NOTSUP);
    CHECK_ERRNO_IN("fd_filestat_set_size on a directory", __wasi_fd_filestat_set_size(f, 1), DIRERR,
                   __WASI_ERRNO_INVAL);
  }
  done();
}
