// SPDX-License-Identifier: Apache-2.0
// A NUL byte inside a path is an error (EILSEQ/EINVAL/ENOENT) and the host
// never acts on the prefix before it: "a\0b" does not open "a", "new\0x"
// does not create "new", "a\0" does not unlink "a", "../outside\0" is not a
// symlink target. The runner checks the sandbox afterwards.
#include "esc.h"

#define E_NUL __WASI_ERRNO_ILSEQ, __WASI_ERRNO_INVAL, __WASI_ERRNO_NOENT

int main(void) {
  int32_t fd = create_file(PRE, "a", 0);
  write_all(fd, "content of a", 12);
  (void)__wasi_fd_close(fd);
  CHECK_OK("mkdir dir", p_mkdir(PRE, "dir"));
  DENY_OPEN("open 'a\\0b'", PRE, 0, PL("a\0b", 3), 0, R_RO, E_NUL);
  DENY_OPEN("open 'a\\0'", PRE, 0, PL("a\0", 2), 0, R_RO, E_NUL);
  DENY_OPEN("open '\\0'", PRE, 0, PL("\0", 1), 0, R_RO, E_NUL);
  DENY_OPEN("open 'dir\\0/../a'", PRE, 0, PL("dir\0/../a", 9), 0, R_RO, E_NUL);
  DENY_OPEN("creat 'new\\0x'", PRE, 0, PL("new\0x", 5), __WASI_OFLAGS_CREAT, R_RW, E_NUL);
  DENY_OPEN("trunc 'a\\0x'", PRE, 0, PL("a\0x", 3), __WASI_OFLAGS_TRUNC, R_RW, E_NUL);
  DENY_OPEN("open '..\\0'", PRE, 0, PL("..\0", 3), 0, R_RO, E_NUL, E_ESCAPE);
  CHECK_ERRNO_IN("mkdir 'd2\\0x'", raw_path_create_directory(PRE, "d2\0x", 4), E_NUL);
  CHECK_ERRNO_IN("unlink 'a\\0junk'", raw_path_unlink_file(PRE, "a\0junk", 6), E_NUL);
  CHECK_ERRNO_IN("rmdir 'dir\\0'", raw_path_remove_directory(PRE, "dir\0", 4), E_NUL);
  CHECK_ERRNO_IN("rename 'a\\0' -> b", raw_path_rename(PRE, "a\0", 2, PRE, "b", 1), E_NUL);
  CHECK_ERRNO_IN("rename a -> 'c\\0d'", raw_path_rename(PRE, "a", 1, PRE, "c\0d", 3), E_NUL);
  CHECK_ERRNO_IN("link a -> 'l\\0x'", raw_path_link(PRE, 0, "a", 1, PRE, "l\0x", 3), E_NUL);
  CHECK_ERRNO_IN("symlink '../outside\\0' at sl",
                 raw_path_symlink("../outside\0", 11, PRE, "sl", 2), E_NUL);
  CHECK_ERRNO_IN("symlink x at 'sl2\\0y'", raw_path_symlink("x", 1, PRE, "sl2\0y", 5), E_NUL);
  __wasi_filestat_t st;
  CHECK_ERRNO_IN("path_filestat_get 'a\\0'", raw_path_filestat_get(PRE, 0, "a\0", 2, &st), E_NUL);
  char buf[32];
  int32_t used;
  CHECK_ERRNO_IN("readlink 'a\\0'", raw_path_readlink(PRE, "a\0", 2, buf, sizeof buf, &used), E_NUL,
                 __WASI_ERRNO_INVAL);
  CHECK_OK("a still exists", p_stat(PRE, 0, "a", &st));
  CHECK_EQ("a still has its 12 bytes", st.size, 12);
  CHECK_ERRNO("'new' was not created", p_stat(PRE, 0, "new", &st), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("'d2' was not created", p_stat(PRE, 0, "d2", &st), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("'sl' was not created", p_stat(PRE, 0, "sl", &st), __WASI_ERRNO_NOENT);
  CHECK_ERRNO("'l' was not created", p_stat(PRE, 0, "l", &st), __WASI_ERRNO_NOENT);
  CHECK_OK("dir still exists", p_stat(PRE, 0, "dir", &st));
  done();
}
