// SPDX-License-Identifier: Apache-2.0
// path_open failures: missing file/intermediate → ENOENT; dirfd a file, a
// file used as a directory, oflags::directory on a file → ENOTDIR; bad
// dirfd → EBADF; empty path → ENOENT.
#include "wasi_check.h"

int main(void) {
  int32_t f = create_file(PRE, "file", 0);
  int32_t fd = -1;
  CHECK_ERRNO("missing file", p_open(PRE, 0, "nope", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("missing intermediate dir",
              p_open(PRE, 0, "nodir/x", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd), __WASI_ERRNO_NOENT);
  CHECK_ERRNO_IN("dirfd is a file", p_open(f, 0, "x", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_NOTDIR,
                 __WASI_ERRNO_NOTCAPABLE);
  CHECK_ERRNO("a file used as a directory", p_open(PRE, 0, "file/x", 0, R_RO, 0, 0, &fd),
              __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("oflags::directory on a file",
              p_open(PRE, 0, "file", __WASI_OFLAGS_DIRECTORY, R_RO, 0, 0, &fd),
              __WASI_ERRNO_NOTDIR);
  CHECK_ERRNO("bad dirfd", p_open(77, 0, "file", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_BADF);
  CHECK_ERRNO_IN("empty path", p_open(PRE, 0, "", 0, R_RO, 0, 0, &fd), __WASI_ERRNO_NOENT,
                 __WASI_ERRNO_INVAL);
  CHECK_ERRNO_IN("creat on an existing directory name with write rights",
                 p_open(PRE, 0, ".", __WASI_OFLAGS_CREAT, R_RW, 0, 0, &fd), __WASI_ERRNO_ISDIR,
                 __WASI_ERRNO_EXIST);
  CHECK_OK("mkdir d", p_mkdir(PRE, "d"));
  CHECK_ERRNO("oflags::directory with fd_write right on a directory",
              p_open(PRE, 0, "d", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd),
              __WASI_ERRNO_ISDIR);
  done();
}
