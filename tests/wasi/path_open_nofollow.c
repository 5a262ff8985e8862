// SPDX-License-Identifier: Apache-2.0
// path_open without symlink_follow: a symlink as the LAST component is
// ELOOP (ENOTDIR with oflags::directory), while symlinks in intermediate
// components are followed; with follow it opens the target; a self-loop
// is ELOOP either way; a dangling link with directory → ENOTDIR/ELOOP.
#include "wasi_check.h"

int main(void) {
  CHECK_OK("mkdir dir", p_mkdir(PRE, "dir"));
  int32_t f = create_file(PRE, "dir/file", 0);
  (void)__wasi_fd_close(f);
  CHECK_OK("symlink fl -> dir/file", p_symlink("dir/file", PRE, "fl"));
  CHECK_OK("symlink dl -> dir", p_symlink("dir", PRE, "dl"));
  CHECK_OK("symlink self -> self", p_symlink("self", PRE, "self"));
  CHECK_OK("symlink dangle -> nowhere", p_symlink("nowhere", PRE, "dangle"));
  int32_t fd = -1;
  CHECK_ERRNO("open fl without follow", p_open(PRE, 0, "fl", 0, R_RO, 0, 0, &fd),
              __WASI_ERRNO_LOOP);
  CHECK_ERRNO_IN("open dl without follow, oflags::directory",
                 p_open(PRE, 0, "dl", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd), __WASI_ERRNO_LOOP,
                 __WASI_ERRNO_NOTDIR);
  CHECK_OK("open dl/file without follow (intermediate link followed)",
           p_open(PRE, 0, "dl/file", 0, R_RO, 0, 0, &fd));
  CHECK_OK("open fl with follow",
           p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "fl", 0, R_RO, 0, 0, &fd));
  CHECK_ERRNO("open self without follow", p_open(PRE, 0, "self", 0, R_RO, 0, 0, &fd),
              __WASI_ERRNO_LOOP);
  CHECK_ERRNO("open self with follow",
              p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "self", 0, R_RO, 0, 0, &fd),
              __WASI_ERRNO_LOOP);
  CHECK_ERRNO_IN("open dangle with oflags::directory",
                 p_open(PRE, 0, "dangle", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd),
                 __WASI_ERRNO_NOTDIR, __WASI_ERRNO_LOOP);
  CHECK_ERRNO("open dangle with follow",
              p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangle", 0, R_RO, 0, 0, &fd),
              __WASI_ERRNO_NOENT);
  CHECK_ERRNO_IN("creat|excl through dangle (follow)",
                 p_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangle",
                        __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, R_RW, 0, 0, &fd),
                 __WASI_ERRNO_EXIST);
  done();
}
